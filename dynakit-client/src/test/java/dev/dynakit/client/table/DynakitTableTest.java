package dev.dynakit.client.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.ConditionalCheckException;
import dev.dynakit.client.mapping.Attribute;
import dev.dynakit.client.mapping.Discriminator;
import dev.dynakit.client.mapping.ItemSchema;
import dev.dynakit.client.mapping.PartitionKey;
import dev.dynakit.client.mapping.TimeToLive;
import dev.dynakit.client.mapping.TypeName;
import dev.dynakit.client.mapping.Version;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.MutableClock;
import dev.dynakit.engine.DynakitEngine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class DynakitTableTest {
  record Order(
      @PartitionKey String customer,
      @dev.dynakit.client.mapping.SortKey String id,
      BigDecimal total,
      String status,
      @Version long version) {}

  record Session(@PartitionKey String id, String user, @TimeToLive Instant expires) {}

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
  private final AtomicInteger queries = new AtomicInteger();
  private DynakitEngine engine;
  private Dynakit dynakit;
  private DynakitTable<Order> orders;

  @BeforeEach
  void start() {
    engine = DynakitEngine.inMemory();
    dynakit =
        Adapters.over(engine.httpClient())
            .clock(clock)
            .addInterceptor(
                new ExecutionInterceptor() {
                  @Override
                  public void beforeExecution(
                      Context.BeforeExecution context, ExecutionAttributes attributes) {
                    if (context.request() instanceof QueryRequest) {
                      queries.incrementAndGet();
                    }
                  }
                })
            .build();
    orders = dynakit.table("orders", Order.class);
    assertThat(orders.createTableIfMissing()).isTrue();
  }

  @AfterEach
  void stop() {
    dynakit.close();
    engine.close();
  }

  private static Order order(String id, String total) {
    return new Order("c#1", id, new BigDecimal(total), "OPEN", 0);
  }

  @Test
  void createTableIfMissingMakesTheKeyOfTheTypeAndLeavesAnExistingTableAlone() {
    var table = dynakit.sdk().describeTable(b -> b.tableName("orders")).table();

    assertThat(table.keySchema())
        .extracting(k -> k.attributeName() + ":" + k.keyType())
        .containsExactly("customer:HASH", "id:RANGE");
    assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(orders.createTableIfMissing()).isFalse();
  }

  @Test
  void createStoresANewItemAtVersionOneAndRefusesAnExistingKey() {
    Order created = orders.create(order("ORDER#1", "19.99"));

    assertThat(created.version()).isEqualTo(1);
    assertThat(orders.getOne("c#1", "ORDER#1")).contains(created);
    assertThatThrownBy(() -> orders.create(order("ORDER#1", "5")))
        .isInstanceOf(ConditionalCheckException.class)
        .satisfies(
            e ->
                assertThat(
                        ((ConditionalCheckException) e)
                            .item()
                            .map(orders.schema()::fromItem)
                            .map(Order::total))
                    .contains(new BigDecimal("19.99")));
    assertThat(orders.getOne("c#1", "ORDER#1").orElseThrow().total()).isEqualByComparingTo("19.99");
  }

  @Test
  void updateChangesAnExistingItemAndRefusesAMissingOne() {
    Order created = orders.create(order("ORDER#1", "10"));
    Order changed =
        orders.update(new Order("c#1", "ORDER#1", new BigDecimal("12.5"), null, created.version()));

    assertThat(changed.version()).isEqualTo(2);
    assertThat(changed.status()).isNull();
    var stored =
        dynakit
            .sdk()
            .getItem(b -> b.tableName("orders").key(orders.schema().keyOf(changed)))
            .item();
    assertThat(stored)
        .doesNotContainKey("status")
        .containsEntry("total", AttributeValue.fromN("12.5"));
    assertThatThrownBy(() -> orders.update(order("ORDER#404", "1")))
        .isInstanceOf(ConditionalCheckException.class);
    assertThat(orders.getOne("c#1", "ORDER#404")).isEmpty();
  }

  @Test
  void aStaleVersionLosesAgainstTheStoredOneOnUpdatePutAndDelete() {
    Order first = orders.create(order("ORDER#1", "10"));
    Order second =
        orders.update(new Order("c#1", "ORDER#1", new BigDecimal("11"), "OPEN", first.version()));

    assertThatThrownBy(() -> orders.update(first)).isInstanceOf(ConditionalCheckException.class);
    assertThatThrownBy(() -> orders.put(first)).isInstanceOf(ConditionalCheckException.class);
    assertThatThrownBy(() -> orders.deleteItem(first))
        .isInstanceOf(ConditionalCheckException.class);
    assertThat(orders.getOne("c#1", "ORDER#1")).contains(second);

    assertThat(orders.deleteItem(second)).contains(second);
    assertThat(orders.getOne("c#1", "ORDER#1")).isEmpty();
  }

  @Test
  void putUpsertsAndAVersionOfZeroMeansNotStoredYet() {
    Order stored = orders.put(order("ORDER#1", "1"));
    assertThat(stored.version()).isEqualTo(1);
    assertThatThrownBy(() -> orders.put(order("ORDER#1", "2")))
        .isInstanceOf(ConditionalCheckException.class);

    Order again = orders.put(new Order("c#1", "ORDER#1", BigDecimal.TEN, "PAID", stored.version()));
    assertThat(again.version()).isEqualTo(2);
    assertThat(orders.getOne("c#1", "ORDER#1").orElseThrow().status()).isEqualTo("PAID");
  }

  @Test
  void deleteByKeyAnswersTheItemItRemoved() {
    Order created = orders.create(order("ORDER#1", "1"));

    assertThat(orders.delete("c#1", "ORDER#1")).contains(created);
    assertThat(orders.delete("c#1", "ORDER#1")).isEmpty();
  }

  @Test
  void queryByPkFiltersOnTheSortKeyAndPagesLazily() {
    IntStream.range(0, 30)
        .forEach(i -> orders.create(order(String.format("ORDER#%02d", i), Integer.toString(i))));
    orders.create(new Order("c#2", "ORDER#99", BigDecimal.ONE, "OPEN", 0));

    assertThat(orders.queryByPk("c#1")).hasSize(30);
    assertThat(orders.queryByPk("c#1", SortKey.beginsWith("ORDER#1")).map(Order::id))
        .containsExactly(
            IntStream.range(10, 20).mapToObj(i -> "ORDER#" + i).toArray(String[]::new));
    assertThat(orders.queryByPk("c#1", SortKey.between("ORDER#05", "ORDER#07")).map(Order::id))
        .containsExactly("ORDER#05", "ORDER#06", "ORDER#07");
    assertThat(orders.queryByPk("c#1", SortKey.equalTo("ORDER#03")).map(Order::id))
        .containsExactly("ORDER#03");
    assertThat(orders.queryByPk("c#1", SortKey.lessThan("ORDER#02")).count()).isEqualTo(2);
    assertThat(orders.queryByPk("c#1", SortKey.lessThanOrEqualTo("ORDER#02")).count()).isEqualTo(3);
    assertThat(orders.queryByPk("c#1", SortKey.greaterThan("ORDER#27")).count()).isEqualTo(2);
    assertThat(orders.queryByPk("c#1", SortKey.greaterThanOrEqualTo("ORDER#27")).count())
        .isEqualTo(3);

    queries.set(0);
    List<String> firstFive =
        orders
            .queryByPk("c#1", null, QueryOptions.defaults().pageSize(4).descending())
            .limit(5)
            .map(Order::id)
            .collect(Collectors.toList());
    assertThat(firstFive)
        .containsExactly("ORDER#29", "ORDER#28", "ORDER#27", "ORDER#26", "ORDER#25");
    assertThat(queries).hasValue(2);

    queries.set(0);
    assertThat(orders.queryByPk("c#1", null, QueryOptions.defaults().limit(3)).map(Order::id))
        .containsExactly("ORDER#00", "ORDER#01", "ORDER#02");
    assertThat(queries).hasValue(1);
    assertThat(orders.queryByPk("c#404")).isEmpty();
  }

  @Test
  void queryPageHandsOverWhereTheNextPageStarts() {
    IntStream.range(0, 5).forEach(i -> orders.create(order("ORDER#" + i, "1")));

    Page<Order> first =
        orders.queryPage("c#1", null, QueryOptions.defaults().pageSize(3), Optional.empty());
    Page<Order> second =
        orders.queryPage("c#1", null, QueryOptions.defaults().pageSize(3), first.next());

    assertThat(first.items())
        .extracting(Order::id)
        .containsExactly("ORDER#0", "ORDER#1", "ORDER#2");
    assertThat(first.hasNext()).isTrue();
    assertThat(second.items()).extracting(Order::id).containsExactly("ORDER#3", "ORDER#4");
    assertThat(second.hasNext()).isFalse();
  }

  record Ticket(
      @PartitionKey String id, String status, @Attribute("created_at") String createdAt) {}

  @Test
  void queriesAnIndexByItsOwnKeyAttributes() {
    dynakit
        .sdk()
        .createTable(
            b ->
                b.tableName("tickets")
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                        a -> a.attributeName("id").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("status").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("created_at").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .globalSecondaryIndexes(
                        g ->
                            g.indexName("byStatus")
                                .keySchema(
                                    k -> k.attributeName("status").keyType(KeyType.HASH),
                                    k -> k.attributeName("created_at").keyType(KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.ALL))));
    DynakitTable<Ticket> tickets = dynakit.table("tickets", Ticket.class);
    tickets.put(new Ticket("t1", "OPEN", "2026-11-01"));
    tickets.put(new Ticket("t2", "OPEN", "2026-11-03"));
    tickets.put(new Ticket("t3", "CLOSED", "2026-11-02"));

    Stream<Ticket> open =
        tickets.queryByPk(
            "OPEN", SortKey.greaterThan("2026-11-01"), QueryOptions.defaults().index("byStatus"));

    assertThat(open).extracting(Ticket::id).containsExactly("t2");
    assertThat(
            tickets.queryByPk("OPEN", null, QueryOptions.defaults().index("byStatus").descending()))
        .extracting(Ticket::id)
        .containsExactly("t2", "t1");
    assertThatThrownBy(() -> tickets.queryByPk("x", null, QueryOptions.defaults().index("nope")))
        .hasMessageContaining("table tickets has no index named nope");
    assertThatThrownBy(() -> tickets.queryByPk("t1", SortKey.equalTo("x")))
        .hasMessageContaining("table tickets has no sort key");
  }

  @Test
  void expiredItemsAreHiddenUntilDynamoDbDeletesThem() {
    DynakitTable<Session> sessions = dynakit.table("sessions", Session.class);
    sessions.createTableIfMissing();
    sessions.put(new Session("s1", "ada", clock.instant().plus(Duration.ofMinutes(30))));
    sessions.put(new Session("s2", "bob", clock.instant().plus(Duration.ofHours(2))));

    assertThat(sessions.getOne("s1")).isPresent();
    clock.advance(Duration.ofHours(1));

    assertThat(sessions.getOne("s1")).isEmpty();
    assertThat(sessions.scan()).extracting(Session::id).containsExactly("s2");
    assertThat(sessions.scanPage(10, Optional.empty()).items())
        .extracting(Session::id)
        .containsExactly("s2");
    DynakitTable<Session> raw =
        DynakitTable.builder(dynakit.sdk(), "sessions", Session.class).hideExpired(false).build();
    assertThat(raw.getOne("s1")).isPresent();
  }

  @Test
  void enableTimeToLiveLetsTheEngineDeleteExpiredItems() {
    try (DynakitEngine expiring =
            DynakitEngine.builder().clock(clock).expiryInterval(Duration.ZERO).build();
        Dynakit client = Adapters.over(expiring.httpClient()).clock(clock).build()) {
      DynakitTable<Session> sessions = client.table("sessions", Session.class);
      sessions.createTableIfMissing();
      sessions.enableTimeToLive();
      TimeToLiveDescription described =
          client.sdk().describeTimeToLive(b -> b.tableName("sessions")).timeToLiveDescription();
      assertThat(described.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
      assertThat(described.attributeName()).isEqualTo("expires");
      sessions.put(new Session("s1", "ada", clock.instant().plus(Duration.ofMinutes(30))));
      sessions.put(new Session("s2", "bob", clock.instant().plus(Duration.ofHours(2))));
      assertThat(expiring.expireNow()).isZero();

      clock.advance(Duration.ofHours(1));
      assertThat(expiring.expireNow()).isOne();
      DynakitTable<Session> raw =
          DynakitTable.builder(client.sdk(), "sessions", Session.class).hideExpired(false).build();
      assertThat(raw.getOne("s1")).isEmpty();
      assertThat(raw.scan()).extracting(Session::id).containsExactly("s2");
    }
  }

  @Discriminator
  sealed interface Entity permits Customer, Invoice {}

  @TypeName("CUSTOMER")
  record Customer(
      @PartitionKey String pk, @dev.dynakit.client.mapping.SortKey String sk, String name)
      implements Entity {}

  @TypeName("INVOICE")
  record Invoice(
      @PartitionKey String pk, @dev.dynakit.client.mapping.SortKey String sk, BigDecimal amount)
      implements Entity {}

  @Test
  void aPolymorphicTableHoldsSeveralEntitiesUnderOnePartition() {
    DynakitTable<Entity> entities = dynakit.table("entities", Entity.class);
    entities.createTableIfMissing();
    entities.put(new Customer("CUSTOMER#1", "PROFILE", "Ada"));
    entities.put(new Invoice("CUSTOMER#1", "INVOICE#2026-001", new BigDecimal("99.5")));
    entities.put(new Invoice("CUSTOMER#1", "INVOICE#2026-002", new BigDecimal("5")));

    List<Entity> all = entities.queryByPk("CUSTOMER#1").collect(Collectors.toList());

    assertThat(all).hasSize(3);
    assertThat(all.stream().filter(Invoice.class::isInstance)).hasSize(2);
    assertThat(entities.getOne("CUSTOMER#1", "PROFILE"))
        .contains(new Customer("CUSTOMER#1", "PROFILE", "Ada"));
  }

  @Test
  void pingAnswersWhetherTheTableIsThereAndActive() {
    assertThat(orders.ping()).isTrue();
    assertThat(dynakit.table("missing", Order.class).ping()).isFalse();
    engine.close();
    assertThat(orders.ping()).isFalse();
  }

  @Test
  void worksOnAPlainSdkClientToo() {
    DynakitTable<Order> plain = DynakitTable.of(engine.client(), "orders", Order.class);
    plain.create(order("ORDER#1", "1"));

    assertThatThrownBy(() -> plain.create(order("ORDER#1", "1")))
        .isInstanceOf(ConditionalCheckFailedException.class);
    assertThat(plain.scan()).hasSize(1);
    assertThat(plain.createTableIfMissing()).isFalse();
  }

  @Test
  void badConfigurationFailsAtOnce() {
    assertThatThrownBy(() -> dynakit.table("", Order.class)).hasMessage("table name is empty");
    assertThatThrownBy(() -> dynakit.table("a b", Order.class))
        .hasMessageContaining("table name 'a b' must be 3 to 255 characters");
    assertThatThrownBy(() -> dynakit.table("no-key", NoKey.class))
        .hasMessageContaining("NoKey has no @PartitionKey field");
    assertThatThrownBy(() -> QueryOptions.defaults().limit(0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> QueryOptions.defaults().pageSize(-1))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> QueryOptions.defaults().index("x")).hasMessageContaining("3 to 255");
    assertThatThrownBy(() -> orders.scanPage(0, Optional.empty()))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> orders.getOne("c#1")).hasMessageContaining("give both key values");
    assertThatThrownBy(() -> orders.enableTimeToLive()).hasMessageContaining("no @TimeToLive");
  }

  record NoKey(String value) {}

  @Test
  void optionsAndConditionsReadWell() {
    assertThat(
            QueryOptions.defaults()
                .index("byStatus")
                .limit(5)
                .pageSize(2)
                .descending()
                .consistentRead(true))
        .hasToString(
            "QueryOptions[index=byStatus, limit=5, pageSize=2, descending, consistentRead=true]");
    assertThat(SortKey.between("a", "b")).hasToString("sort key BETWEEN a AND b");
    assertThat(SortKey.beginsWith("a")).hasToString("begins_with(sort key, a)");
    assertThat(SortKey.greaterThan(3)).hasToString("sort key > 3");
    assertThat(orders).hasToString("DynakitTable[orders, " + Order.class.getName() + "]");
    assertThat(ItemSchema.of(Order.class).fields())
        .contains("customer", "id", "total", "status", "version");
    assertThat(Map.of()).isEmpty();
  }
}
