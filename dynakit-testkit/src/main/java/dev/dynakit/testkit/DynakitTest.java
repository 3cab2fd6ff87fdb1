package dev.dynakit.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class with an in-memory dynakit engine ({@link DynakitExtension}). Test methods (and
 * {@code @BeforeEach}/{@code @AfterEach} methods) may declare parameters of type {@code
 * DynamoDbClient}, {@code DynamoDbEnhancedClient}, {@code Dynakit} or {@code DynakitEngine}.
 *
 * <pre>{@code
 * @DynakitTest
 * @DynakitTable(name = "orders", pk = "id:S", gsi = "ByCustomer=customer:S")
 * class OrderRepositoryTest {
 *   @Test
 *   void savesAnOrder(DynamoDbEnhancedClient enhanced) {
 *     OrderRepository orders = new OrderRepository(enhanced);
 *     orders.save(new Order("o-1", "ann", 12));
 *     assertThat(orders.find("o-1")).isPresent();
 *   }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(DynakitExtension.class)
public @interface DynakitTest {
  /** A fresh engine per test (default) or one per class. */
  EngineScope engine() default EngineScope.PER_TEST;

  /**
   * Whether the injected {@code Dynakit} may write (default {@code true}: tests set up their own
   * data). With {@code false} its writes are refused as in production's default; the {@code
   * DynamoDbClient} and enhanced client are the engine's own and are never gated.
   */
  boolean allowWrite() default true;

  /**
   * Class-path resources, each a JSON fixture: {@code {"CreateTable": {...request in DynamoDB
   * JSON...}, "Items": [{...item in DynamoDB JSON...}]}}, or an array of such objects. Loaded after
   * the {@link DynakitTable} tables, into every engine this class gets.
   */
  String[] fixtures() default {};
}
