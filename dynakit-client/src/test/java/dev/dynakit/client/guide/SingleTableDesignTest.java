package dev.dynakit.client.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.batch.Transaction;
import dev.dynakit.client.errors.ConditionalCheckException;
import dev.dynakit.client.errors.TransactionException;
import dev.dynakit.client.expressions.Conditions;
import dev.dynakit.client.expressions.Path;
import dev.dynakit.client.expressions.Update;
import dev.dynakit.client.mapping.Discriminator;
import dev.dynakit.client.mapping.PartitionKey;
import dev.dynakit.client.mapping.SortKey;
import dev.dynakit.client.mapping.TimeToLive;
import dev.dynakit.client.mapping.TypeName;
import dev.dynakit.client.mapping.Version;
import dev.dynakit.client.patterns.Expiry;
import dev.dynakit.client.patterns.KeyAccessMonitor;
import dev.dynakit.client.patterns.KeyPrefix;
import dev.dynakit.client.table.DynakitTable;
import dev.dynakit.client.table.GlobalIndex;
import dev.dynakit.client.table.QueryOptions;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.MutableClock;
import dev.dynakit.engine.DynakitEngine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The walk-through of docs/guide.md, step by step: a shop in one table. */
class SingleTableDesignTest {
  static final KeyPrefix CUSTOMER = KeyPrefix.of("CUSTOMER");
  static final KeyPrefix ORDER = KeyPrefix.of("ORDER");
  static final KeyPrefix SESSION = KeyPrefix.of("SESSION");

  @Discriminator("type")
  sealed interface ShopItem permits Customer, Order, Session {}

  @TypeName("CUSTOMER")
  record Customer(
      @PartitionKey String pk,
      @SortKey String sk,
      String name,
      String email,
      int orders,
      @Version long version,
      String gsi1pk,
      String gsi1sk,
      String openSince)
      implements ShopItem {
    static Customer of(String id, String name, String email) {
      return new Customer(CUSTOMER.key(id), "PROFILE", name, email, 0, 0, null, null, null);
    }
  }

  @TypeName("ORDER")
  record Order(
      @PartitionKey String pk,
      @SortKey String sk,
      BigDecimal total,
      String status,
      @Version long version,
      String gsi1pk,
      String gsi1sk,
      String openSince)
      implements ShopItem {
    static Order of(String customer, String id, LocalDate day, BigDecimal total) {
      return new Order(
          CUSTOMER.key(customer),
          ORDER.key(day, id),
          total,
          "OPEN",
          0,
          ORDER.key(id),
          CUSTOMER.key(customer),
          day.toString());
    }
  }

  @TypeName("SESSION")
  record Session(
      @PartitionKey String pk,
      @SortKey String sk,
      String user,
      @TimeToLive Instant expires,
      String gsi1pk,
      String gsi1sk,
      String openSince)
      implements ShopItem {}

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
  private DynakitEngine engine;
  private Dynakit dynakit;
  private DynakitTable<ShopItem> shop;
  private KeyAccessMonitor monitor;

  @BeforeEach
  void start() {
    engine = DynakitEngine.inMemory();
    monitor =
        KeyAccessMonitor.builder().partitionKey("shop", "pk").clock(clock).minRequests(50).build();
    dynakit = Adapters.over(engine.httpClient()).clock(clock).addInterceptor(monitor).build();
    shop = dynakit.table("shop", ShopItem.class);
    shop.createTableIfMissing(
        GlobalIndex.of("gsi1", "gsi1pk", "gsi1sk"), GlobalIndex.of("open", "status", "openSince"));
  }

  @AfterEach
  void stop() {
    dynakit.close();
    engine.close();
  }

  private void placeOrder(Order order) {
    Transaction placing = new Transaction();
    shop.addCreate(placing, order);
    placing.update(
        "shop",
        shop.schema().key(order.pk(), "PROFILE"),
        Update.builder().increment(Path.of("orders"), 1).build(),
        Conditions.attributeExists(Path.of("pk")));
    placing.execute(dynakit.sdk());
  }

  @Test
  void oneTableServesEveryAccessPattern() {
    shop.create(Customer.of("42", "Ada", "ada@example.com"));
    placeOrder(Order.of("42", "1001", LocalDate.of(2026, 11, 20), new BigDecimal("19.99")));
    placeOrder(Order.of("42", "1002", LocalDate.of(2026, 11, 24), new BigDecimal("5.00")));
    placeOrder(Order.of("42", "1003", LocalDate.of(2026, 11, 25), new BigDecimal("120")));

    // 1. the profile, by its key
    Customer ada = (Customer) shop.getOne(CUSTOMER.key("42"), "PROFILE").orElseThrow();
    assertThat(ada.orders()).isEqualTo(3);

    // 2. a customer's orders, newest first: one query on the partition, sort key prefix ORDER#
    List<String> newest =
        shop.queryByPk(
                CUSTOMER.key("42"), ORDER.all(), QueryOptions.defaults().descending().limit(2))
            .map(o -> ((Order) o).sk())
            .collect(Collectors.toList());
    assertThat(newest).containsExactly("ORDER#2026-11-25#1003", "ORDER#2026-11-24#1002");

    // 3. the customer and all their orders in one request: the partition holds both entities
    List<ShopItem> everything = shop.queryByPk(CUSTOMER.key("42")).collect(Collectors.toList());
    assertThat(everything).hasSize(4).hasAtLeastOneElementOfType(Customer.class);

    // 4. an order by its id alone: the overloaded index gsi1 (gsi1pk = ORDER#<id>)
    Order byId =
        (Order)
            shop.queryByPk(ORDER.key("1002"), null, QueryOptions.defaults().index("gsi1"))
                .findFirst()
                .orElseThrow();
    assertThat(byId.total()).isEqualByComparingTo("5.00");

    // 5. open orders since a day: a sparse index (only open orders have openSince)
    Order shipped = (Order) shop.getOne(CUSTOMER.key("42"), "ORDER#2026-11-20#1001").orElseThrow();
    shop.update(
        new Order(
            shipped.pk(),
            shipped.sk(),
            shipped.total(),
            "SHIPPED",
            shipped.version(),
            shipped.gsi1pk(),
            shipped.gsi1sk(),
            null));
    List<String> open =
        shop.queryByPk(
                "OPEN",
                dev.dynakit.client.table.SortKey.greaterThanOrEqualTo("2026-11-01"),
                QueryOptions.defaults().index("open"))
            .map(o -> ((Order) o).gsi1pk())
            .collect(Collectors.toList());
    assertThat(open).containsExactly("ORDER#1002", "ORDER#1003");
  }

  @Test
  void aStaleProfileCannotOverwriteANewerOne() {
    Customer first = (Customer) shop.create(Customer.of("7", "Bob", "bob@example.com"));
    Customer newer =
        (Customer)
            shop.update(
                new Customer(
                    first.pk(),
                    first.sk(),
                    "Robert",
                    first.email(),
                    0,
                    first.version(),
                    null,
                    null,
                    null));

    assertThatThrownBy(
            () ->
                shop.update(
                    new Customer(
                        first.pk(),
                        first.sk(),
                        "Bobby",
                        first.email(),
                        0,
                        first.version(),
                        null,
                        null,
                        null)))
        .isInstanceOf(ConditionalCheckException.class);
    assertThat(((Customer) shop.getOne(first.pk(), "PROFILE").orElseThrow()).name())
        .isEqualTo(newer.name());
  }

  @Test
  void anOrderForAnUnknownCustomerIsNotPlaced() {
    assertThatThrownBy(
            () -> placeOrder(Order.of("404", "1", LocalDate.of(2026, 11, 25), BigDecimal.ONE)))
        .isInstanceOf(TransactionException.class);
    assertThat(shop.queryByPk(CUSTOMER.key("404"))).isEmpty();
  }

  @Test
  void sessionsExpireByTimeToLive() {
    shop.put(
        new Session(
            SESSION.key("s1"),
            "SESSION",
            "ada",
            Expiry.after(Duration.ofMinutes(30), clock),
            null,
            null,
            null));

    assertThat(shop.getOne(SESSION.key("s1"), "SESSION")).isPresent();
    clock.advance(Duration.ofMinutes(31));
    assertThat(shop.getOne(SESSION.key("s1"), "SESSION")).isEmpty();
  }

  @Test
  void aBusyPartitionShowsUpAsHot() {
    shop.create(Customer.of("1", "Hot", "hot@example.com"));
    for (int i = 0; i < 60; i++) {
      shop.getOne(CUSTOMER.key("1"), "PROFILE");
    }
    shop.create(Customer.of("2", "Cold", "cold@example.com"));

    assertThat(monitor.hotPartitions())
        .singleElement()
        .satisfies(h -> assertThat(h.key()).isEqualTo(AttributeValue.fromS("CUSTOMER#1")));
  }
}
