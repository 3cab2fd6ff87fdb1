package dev.dynakit.bench;

import dev.dynakit.client.mapping.ItemSchema;
import dev.dynakit.client.mapping.PartitionKey;
import dev.dynakit.client.mapping.SortKey;
import dev.dynakit.client.table.DynakitTable;
import dev.dynakit.engine.DynakitEngine;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * dynakit's object mapping against the AWS SDK's Enhanced Client, side by side in one run, on the
 * same in-process engine client and the same bean class (annotated for both):
 *
 * <ol>
 *   <li>map + put: a typed put of one 13-attribute order (nested address, list, map, numbers,
 *       instant);
 *   <li>get + map: a typed get of one stored order;
 *   <li>query of 100 mapped items: one partition of 100 orders read and mapped;
 *   <li>mapping alone, no database: value to item, and item to value.
 * </ol>
 *
 * Alternating rounds of a fixed time after a warm-up; ops/s per round, medians, and the ratio
 * dynakit ÷ Enhanced Client (above 1: dynakit faster). A record type through dynakit is measured
 * too (records are what dynakit maps best; the Enhanced Client does not map records).
 *
 * <p>Run: {@code mvn -B -q -pl dynakit-bench -am package exec:exec -DskipTests
 * -Dbench.main=dev.dynakit.bench.MappingVsEnhanced [-Dbench.args=--quick]}.
 */
public final class MappingVsEnhanced {
  /** Timings of one run. */
  record Config(long warmupMillis, int rounds, long roundMillis) {
    static Config full() {
      return new Config(5_000, 9, 1_000);
    }

    static Config quick() {
      return new Config(300, 3, 300);
    }
  }

  private MappingVsEnhanced() {}

  public static void main(String[] args) {
    Config config = Arrays.asList(args).contains("--quick") ? Config.quick() : Config.full();
    System.out.println(run(config, System.err));
  }

  static String run(Config config, PrintStream progress) {
    StringBuilder out = new StringBuilder();
    out.append("# Mapping: dynakit against the SDK's Enhanced Client (in-process engine)\n\n");
    out.append(SideBySide.format("Load average before: %s%n%n", SideBySide.loadAverage()));
    out.append(
        "| Workload | Enhanced Client ops/s | dynakit ops/s | ratio | dynakit (record) ops/s |\n");
    out.append("|---|---|---|---|---|\n");
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      DynamoDbClient client = engine.client();
      DynamoDbEnhancedClient enhanced =
          DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
      DynamoDbTable<BeanOrder> peer =
          enhanced.table("orders", TableSchema.fromBean(BeanOrder.class));
      peer.createTable();
      DynakitTable<BeanOrder> ours = DynakitTable.of(client, "orders", BeanOrder.class);
      DynakitTable<RecordOrder> records = DynakitTable.of(client, "orders", RecordOrder.class);
      for (int i = 0; i < 100; i++) {
        peer.putItem(bean("query", i));
      }
      peer.putItem(bean("get", 0));
      Key key = Key.builder().partitionValue("get").sortValue(id(0)).build();
      TableSchema<BeanOrder> peerSchema = TableSchema.fromBean(BeanOrder.class);
      ItemSchema<BeanOrder> ourSchema = ItemSchema.of(BeanOrder.class);
      ItemSchema<RecordOrder> recordSchema = ItemSchema.of(RecordOrder.class);
      BeanOrder sample = bean("map", 1);
      RecordOrder sampleRecord = record("map", 1);
      Map<String, AttributeValue> item = ourSchema.toItem(sample);

      row(
          out,
          progress,
          config,
          "map + put",
          n -> peer.putItem(bean("put", (int) (n % 1000))),
          n -> ours.put(bean("put", (int) (n % 1000))),
          n -> records.put(record("put", (int) (n % 1000))));
      row(
          out,
          progress,
          config,
          "get + map",
          n -> SideBySide.check(peer.getItem(key) != null),
          n -> SideBySide.check(ours.getOne("get", id(0)).isPresent()),
          n -> SideBySide.check(records.getOne("get", id(0)).isPresent()));
      row(
          out,
          progress,
          config,
          "query of 100 mapped items",
          n ->
              SideBySide.check(
                  peer
                          .query(QueryConditional.keyEqualTo(k -> k.partitionValue("query")))
                          .items()
                          .stream()
                          .count()
                      == 100),
          n -> SideBySide.check(ours.queryByPk("query").count() == 100),
          n -> SideBySide.check(records.queryByPk("query").count() == 100));
      row(
          out,
          progress,
          config,
          "value → item (no database)",
          n -> SideBySide.check(peerSchema.itemToMap(sample, true).size() == 13),
          n -> SideBySide.check(ourSchema.toItem(sample).size() == 13),
          n -> SideBySide.check(recordSchema.toItem(sampleRecord).size() == 13));
      row(
          out,
          progress,
          config,
          "item → value (no database)",
          n -> SideBySide.check(peerSchema.mapToItem(item) != null),
          n -> SideBySide.check(ourSchema.fromItem(item) != null),
          n -> SideBySide.check(recordSchema.fromItem(item) != null));
    }
    out.append(
        "\nRatio: dynakit ÷ Enhanced Client, medians of alternating rounds (above 1: dynakit is"
            + " faster). Both map the same bean class; the last column maps the same data as a"
            + " record.\n\n");
    out.append(SideBySide.format("Load average after: %s%n", SideBySide.loadAverage()));
    return out.toString();
  }

  private static void row(
      StringBuilder out,
      PrintStream progress,
      Config config,
      String workload,
      LongConsumer peer,
      LongConsumer ours,
      LongConsumer record) {
    progress.println("warming up: " + workload);
    LongConsumer[] contenders = {peer, ours, record};
    for (LongConsumer contender : contenders) {
      SideBySide.callsPerSecond(contender, config.warmupMillis());
    }
    double[][] rounds = new double[3][config.rounds()];
    for (int r = 0; r < config.rounds(); r++) {
      for (int c = 0; c < 3; c++) {
        rounds[c][r] = SideBySide.callsPerSecond(contenders[c], config.roundMillis());
      }
    }
    double p = SideBySide.median(rounds[0]);
    double o = SideBySide.median(rounds[1]);
    double rec = SideBySide.median(rounds[2]);
    progress.println(SideBySide.format("%s: %,.0f vs %,.0f ops/s", workload, p, o));
    out.append(
        SideBySide.format("| %s | %,.0f | %,.0f | %.2f× | %,.0f |%n", workload, p, o, o / p, rec));
  }

  static String id(int i) {
    return String.format("ORDER#%05d", i);
  }

  static BeanOrder bean(String customer, int i) {
    BeanOrder order = new BeanOrder();
    order.setCustomer(customer);
    order.setId(id(i));
    order.setTotal(new BigDecimal("19.99").add(BigDecimal.valueOf(i)));
    order.setQuantity(i % 7 + 1);
    order.setWeight(0.25 * i);
    order.setPaid(i % 2 == 0);
    order.setStatus("OPEN");
    order.setCreated(Instant.ofEpochSecond(1_790_000_000L + i));
    order.setTags(List.of("gift", "rush", "t" + i));
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("apples", 3L);
    counts.put("pears", (long) i);
    order.setCounts(counts);
    BeanAddress address = new BeanAddress();
    address.setStreet(i + " Main St");
    address.setCity("Springfield");
    order.setAddress(address);
    order.setNote("leave at the door");
    order.setVersion(1L);
    return order;
  }

  static RecordOrder record(String customer, int i) {
    BeanOrder b = bean(customer, i);
    return new RecordOrder(
        b.getCustomer(),
        b.getId(),
        b.getTotal(),
        b.getQuantity(),
        b.getWeight(),
        b.isPaid(),
        b.getStatus(),
        b.getCreated(),
        b.getTags(),
        b.getCounts(),
        new RecordAddress(b.getAddress().getStreet(), b.getAddress().getCity()),
        b.getNote(),
        b.getVersion());
  }

  /** The same data as {@link BeanOrder}, as a record. */
  public record RecordOrder(
      @PartitionKey String customer,
      @SortKey String id,
      BigDecimal total,
      int quantity,
      double weight,
      boolean paid,
      String status,
      Instant created,
      List<String> tags,
      Map<String, Long> counts,
      RecordAddress address,
      String note,
      Long version) {}

  /** A nested record. */
  public record RecordAddress(String street, String city) {}

  /** An order bean, annotated for both mappers. */
  @DynamoDbBean
  public static final class BeanOrder {
    private String customer;
    private String id;
    private BigDecimal total;
    private int quantity;
    private double weight;
    private boolean paid;
    private String status;
    private Instant created;
    private List<String> tags = new ArrayList<>();
    private Map<String, Long> counts;
    private BeanAddress address;
    private String note;
    private Long version;

    @DynamoDbPartitionKey
    @PartitionKey
    public String getCustomer() {
      return customer;
    }

    public void setCustomer(String customer) {
      this.customer = customer;
    }

    @DynamoDbSortKey
    @SortKey
    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public BigDecimal getTotal() {
      return total;
    }

    public void setTotal(BigDecimal total) {
      this.total = total;
    }

    public int getQuantity() {
      return quantity;
    }

    public void setQuantity(int quantity) {
      this.quantity = quantity;
    }

    public double getWeight() {
      return weight;
    }

    public void setWeight(double weight) {
      this.weight = weight;
    }

    public boolean isPaid() {
      return paid;
    }

    public void setPaid(boolean paid) {
      this.paid = paid;
    }

    public String getStatus() {
      return status;
    }

    public void setStatus(String status) {
      this.status = status;
    }

    public Instant getCreated() {
      return created;
    }

    public void setCreated(Instant created) {
      this.created = created;
    }

    public List<String> getTags() {
      return tags;
    }

    public void setTags(List<String> tags) {
      this.tags = tags;
    }

    public Map<String, Long> getCounts() {
      return counts;
    }

    public void setCounts(Map<String, Long> counts) {
      this.counts = counts;
    }

    public BeanAddress getAddress() {
      return address;
    }

    public void setAddress(BeanAddress address) {
      this.address = address;
    }

    public String getNote() {
      return note;
    }

    public void setNote(String note) {
      this.note = note;
    }

    public Long getVersion() {
      return version;
    }

    public void setVersion(Long version) {
      this.version = version;
    }
  }

  /** A nested bean. */
  @DynamoDbBean
  public static final class BeanAddress {
    private String street;
    private String city;

    public String getStreet() {
      return street;
    }

    public void setStreet(String street) {
      this.street = street;
    }

    public String getCity() {
      return city;
    }

    public void setCity(String city) {
      this.city = city;
    }
  }
}
