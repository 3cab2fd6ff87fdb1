package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/** The AWS SDK's own Enhanced Client, unmodified, on the engine's in-process client. */
class EnhancedClientTest {

  @Test
  void theEnhancedClientWorksUnchanged() {
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      DynamoDbEnhancedClient enhanced =
          DynamoDbEnhancedClient.builder().dynamoDbClient(engine.client()).build();
      DynamoDbTable<Order> orders = enhanced.table("orders", TableSchema.fromBean(Order.class));
      orders.createTable();
      for (int i = 1; i <= 3; i++) {
        orders.putItem(new Order("alice", i, "item " + i));
      }
      orders.putItem(new Order("bob", 1, "other"));

      assertThat(
              orders.getItem(Key.builder().partitionValue("alice").sortValue(2).build()).getNote())
          .isEqualTo("item 2");
      List<Order> alice =
          orders
              .query(
                  QueryConditional.sortGreaterThan(
                      Key.builder().partitionValue("alice").sortValue(1).build()))
              .items()
              .stream()
              .toList();
      assertThat(alice).extracting(Order::getNumber).containsExactly(2, 3);

      Order updated = new Order("alice", 3, "changed");
      orders.updateItem(updated);
      assertThat(orders.scan().items().stream().map(Order::getNote))
          .containsExactlyInAnyOrder("item 1", "item 2", "changed", "other");

      orders.deleteItem(Key.builder().partitionValue("bob").sortValue(1).build());
      assertThat(orders.scan().items().stream().count()).isEqualTo(3);
    }
  }

  /** An order, mapped by the Enhanced Client's bean schema. */
  @DynamoDbBean
  public static class Order {
    private String customer;
    private Integer number;
    private String note;

    public Order() {}

    Order(String customer, int number, String note) {
      this.customer = customer;
      this.number = number;
      this.note = note;
    }

    @DynamoDbPartitionKey
    public String getCustomer() {
      return customer;
    }

    public void setCustomer(String customer) {
      this.customer = customer;
    }

    @DynamoDbSortKey
    public Integer getNumber() {
      return number;
    }

    public void setNumber(Integer number) {
      this.number = number;
    }

    public String getNote() {
      return note;
    }

    public void setNote(String note) {
      this.note = note;
    }
  }
}
