package dev.dynakit.client.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.batch.BatchWriteResult;
import dev.dynakit.client.batch.Transaction;
import dev.dynakit.client.errors.ConditionalCheckException;
import dev.dynakit.client.errors.TransactionException;
import dev.dynakit.client.expressions.Conditions;
import dev.dynakit.client.expressions.Path;
import dev.dynakit.client.expressions.Update;
import dev.dynakit.client.mapping.Discriminator;
import dev.dynakit.client.mapping.PartitionKey;
import dev.dynakit.client.mapping.SortKey;
import dev.dynakit.client.mapping.Version;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.engine.DynakitEngine;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Typed tables with the expression builders, batches and transactions. */
class TableBuildersTest {
  record Account(
      @PartitionKey String owner,
      @SortKey String name,
      BigDecimal balance,
      String status,
      @Version long version) {}

  private DynakitEngine engine;
  private Dynakit dynakit;
  private DynakitTable<Account> accounts;

  @BeforeEach
  void start() {
    engine = DynakitEngine.inMemory();
    dynakit = Adapters.over(engine.httpClient()).build();
    accounts = dynakit.table("accounts", Account.class);
    accounts.createTableIfMissing();
  }

  @AfterEach
  void stop() {
    dynakit.close();
    engine.close();
  }

  private static Account account(String name, int balance, String status) {
    return new Account("ada", name, BigDecimal.valueOf(balance), status, 0);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  @Test
  void queriesAndScansFilterWithConditions() {
    IntStream.range(0, 10)
        .forEach(i -> accounts.create(account("acc" + i, i * 10, i % 2 == 0 ? "OPEN" : "CLOSED")));

    var open =
        accounts.queryByPk(
            "ada",
            null,
            QueryOptions.defaults()
                .filter(
                    Conditions.eq(Path.of("status"), AttributeValue.fromS("OPEN"))
                        .and(Conditions.gt(Path.of("balance"), n(30)))));
    var rich = accounts.scan(Conditions.ge(Path.of("balance"), n(80)));

    assertThat(open.map(Account::name)).containsExactly("acc4", "acc6", "acc8");
    assertThat(rich.map(Account::name)).containsExactlyInAnyOrder("acc8", "acc9");
    assertThat(
            QueryOptions.defaults()
                .filter(Conditions.attributeExists(Path.of("status")))
                .toString())
        .contains("filter=attribute_exists(status)");
  }

  @Test
  void conditionalPutsAndDeletesCombineWithTheVersion() {
    Account stored = accounts.create(account("main", 100, "OPEN"));
    var closed = Conditions.eq(Path.of("status"), AttributeValue.fromS("CLOSED"));

    assertThatThrownBy(
            () ->
                accounts.put(
                    new Account("ada", "main", BigDecimal.ONE, "OPEN", stored.version()), closed))
        .isInstanceOf(ConditionalCheckException.class);
    assertThatThrownBy(() -> accounts.deleteItem(stored, closed))
        .isInstanceOf(ConditionalCheckException.class);
    Account again =
        accounts.put(
            new Account("ada", "main", BigDecimal.ONE, "CLOSED", stored.version()),
            Conditions.eq(Path.of("status"), AttributeValue.fromS("OPEN")));

    assertThat(again.version()).isEqualTo(2);
    assertThat(accounts.deleteItem(again, closed)).contains(again);
  }

  @Test
  void partialUpdatesCountTheVersionUpAndAnswerTheNewItem() {
    Account stored = accounts.create(account("main", 100, "OPEN"));

    Account paid =
        accounts.updateByKey(
            "ada",
            "main",
            Update.builder().decrement(Path.of("balance"), 30).build(),
            Conditions.ge(Path.of("balance"), n(30)));
    Account closed =
        accounts.updateByKey("ada", "main", Update.builder().remove(Path.of("status")).build());

    assertThat(paid.balance()).isEqualByComparingTo("70");
    assertThat(paid.version()).isEqualTo(stored.version() + 1);
    assertThat(closed.status()).isNull();
    assertThat(closed.version()).isEqualTo(stored.version() + 2);
    assertThatThrownBy(
            () ->
                accounts.updateByKey(
                    "ada",
                    "main",
                    Update.builder().decrement(Path.of("balance"), 100).build(),
                    Conditions.ge(Path.of("balance"), n(100))))
        .isInstanceOf(ConditionalCheckException.class);
    assertThatThrownBy(
            () ->
                accounts.updateByKey(
                    "ada",
                    "missing",
                    Update.builder().set(Path.of("status"), AttributeValue.fromS("X")).build()))
        .isInstanceOf(ConditionalCheckException.class);
    assertThat(accounts.getOne("ada", "missing")).isEmpty();
  }

  record Flag(@PartitionKey String name, Boolean on) {}

  @Test
  void aTypeWithoutVersionOrSortKeyUpdatesByPartitionKey() {
    DynakitTable<Flag> flags = dynakit.table("flags", Flag.class);
    flags.createTableIfMissing();
    flags.put(new Flag("dark-mode", false));

    Flag on =
        flags.updateByKey(
            "dark-mode",
            Update.builder().set(Path.of("on"), AttributeValue.fromBool(true)).build());
    Flag cleared = flags.update(new Flag("dark-mode", null));

    assertThat(on.on()).isTrue();
    assertThat(cleared.on()).isNull();
    assertThat(flags.getOne("dark-mode")).contains(new Flag("dark-mode", null));
  }

  record KeyOnly(@PartitionKey String id) {}

  @Test
  void updatingATypeWithOnlyAKeyChecksThatTheItemExists() {
    DynakitTable<KeyOnly> keys = dynakit.table("keys", KeyOnly.class);
    keys.createTableIfMissing();
    keys.put(new KeyOnly("a"));

    assertThat(keys.update(new KeyOnly("a"))).isEqualTo(new KeyOnly("a"));
    assertThatThrownBy(() -> keys.update(new KeyOnly("b")))
        .isInstanceOf(ConditionalCheckException.class);
  }

  @Test
  void batchesPutReadAndDeleteAnyNumberOfItems() {
    List<Account> many =
        IntStream.range(0, 60)
            .mapToObj(i -> account(String.format("acc%02d", i), i, "OPEN"))
            .collect(Collectors.toList());

    BatchWriteResult written = accounts.putAll(many);
    List<Account> read =
        accounts.getAll(
            List.of(
                accounts.schema().key("ada", "acc42"),
                accounts.schema().key("ada", "nope"),
                accounts.schema().key("ada", "acc07")));

    assertThat(written.items()).isEqualTo(60);
    assertThat(written.report().requests()).isEqualTo(3);
    assertThat(written.efficiency()).isEqualTo(1.0);
    assertThat(read).extracting(Account::name).containsExactly("acc42", "acc07");
    assertThat(accounts.deleteAll(many.subList(0, 50)).items()).isEqualTo(50);
    assertThat(accounts.queryByPk("ada").count()).isEqualTo(10);
  }

  @Test
  void transactionsTakeTypedVersionCheckedActions() {
    Account from = accounts.create(account("from", 100, "OPEN"));
    Account to = accounts.create(account("to", 0, "OPEN"));

    Transaction move = new Transaction();
    accounts.addPut(
        move, new Account("ada", "from", BigDecimal.valueOf(60), "OPEN", from.version()));
    accounts.addPut(move, new Account("ada", "to", BigDecimal.valueOf(40), "OPEN", to.version()));
    accounts.addCreate(move, account("log", 0, "OPEN"));
    move.execute(dynakit.sdk());

    assertThat(accounts.getOne("ada", "from").orElseThrow().balance()).isEqualByComparingTo("60");
    assertThat(accounts.getOne("ada", "to").orElseThrow().version()).isEqualTo(2);

    Transaction stale = new Transaction();
    accounts.addDelete(stale, from);
    accounts.addConditionCheck(stale, to, Conditions.attributeExists(Path.of("balance")));
    assertThatThrownBy(() -> stale.execute(dynakit.sdk()))
        .isInstanceOf(TransactionException.class)
        .satisfies(e -> assertThat(((TransactionException) e).failures()).hasSize(1));
    assertThat(accounts.getOne("ada", "from")).isPresent();

    Transaction current = new Transaction();
    accounts.addDelete(current, accounts.getOne("ada", "from").orElseThrow());
    current.execute(dynakit.sdk());
    assertThat(accounts.getOne("ada", "from")).isEmpty();
  }

  @Discriminator
  sealed interface Thing permits Box, Bag {}

  record Box(@PartitionKey String id, String label) implements Thing {}

  record Bag(@PartitionKey String id, Integer size) implements Thing {}

  @Test
  void updatingAPolymorphicItemRemovesTheNullFieldsOfItsOwnSubtype() {
    DynakitTable<Thing> things = dynakit.table("things", Thing.class);
    things.createTableIfMissing();
    things.put(new Bag("b", 3));

    things.update(new Bag("b", null));

    assertThat(things.getOne("b")).contains(new Bag("b", null));
    assertThat(
            dynakit
                .sdk()
                .getItem(r -> r.tableName("things").key(Map.of("id", AttributeValue.fromS("b"))))
                .item())
        .containsOnlyKeys("id", "type");
  }
}
