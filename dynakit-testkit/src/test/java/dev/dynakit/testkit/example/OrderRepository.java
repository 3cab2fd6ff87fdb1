package dev.dynakit.testkit.example;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/** A small repository of the kind a user tests with the testkit. */
public final class OrderRepository {
  private final DynamoDbTable<Order> orders;

  public OrderRepository(DynamoDbEnhancedClient enhanced) {
    this.orders = enhanced.table("orders", TableSchema.fromBean(Order.class));
  }

  /** Saves a new order; refuses to overwrite one with the same id. */
  public void create(Order order) {
    orders.putItem(
        PutItemEnhancedRequest.builder(Order.class)
            .item(order)
            .conditionExpression(
                Expression.builder().expression("attribute_not_exists(id)").build())
            .build());
  }

  public Optional<Order> find(String id) {
    return Optional.ofNullable(orders.getItem(Key.builder().partitionValue(id).build()));
  }

  public List<Order> byCustomer(String customer) {
    return orders
        .index("ByCustomer")
        .query(QueryConditional.keyEqualTo(Key.builder().partitionValue(customer).build()))
        .stream()
        .flatMap(page -> page.items().stream())
        .collect(Collectors.toList());
  }

  public long totalCents(String customer) {
    return byCustomer(customer).stream().mapToLong(Order::getTotalCents).sum();
  }
}
