package dev.dynakit.testkit.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.testkit.DynakitTable;
import dev.dynakit.testkit.DynakitTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** A typical user test: the repository runs on a fresh in-memory engine per test. */
@DynakitTest
@DynakitTable(name = "orders", pk = "id:S", gsi = "ByCustomer=customer:S")
class OrderRepositoryTest {
  private OrderRepository orders;

  @BeforeEach
  void repository(DynamoDbEnhancedClient enhanced) {
    orders = new OrderRepository(enhanced);
  }

  @Test
  void aCreatedOrderIsFound() {
    orders.create(new Order("o-1", "ann", 1250));
    assertThat(orders.find("o-1")).get().extracting(Order::getTotalCents).isEqualTo(1250L);
    assertThat(orders.find("o-2")).isEmpty();
  }

  @Test
  void anOrderIsNeverOverwritten() {
    orders.create(new Order("o-1", "ann", 1250));
    assertThatThrownBy(() -> orders.create(new Order("o-1", "bob", 1)))
        .isInstanceOf(ConditionalCheckFailedException.class);
    assertThat(orders.find("o-1")).get().extracting(Order::getCustomer).isEqualTo("ann");
  }

  @Test
  void aCustomersOrdersAreFoundThroughTheIndex() {
    orders.create(new Order("o-1", "ann", 1250));
    orders.create(new Order("o-2", "bob", 500));
    orders.create(new Order("o-3", "ann", 250));
    assertThat(orders.byCustomer("ann"))
        .extracting(Order::getId)
        .containsExactlyInAnyOrder("o-1", "o-3");
    assertThat(orders.totalCents("ann")).isEqualTo(1500);
  }
}
