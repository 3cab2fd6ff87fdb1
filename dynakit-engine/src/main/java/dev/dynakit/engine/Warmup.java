package dev.dynakit.engine;

import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Prepares, once per JVM and on a daemon thread, what a new engine's first answers need and the
 * caller's own code does not: the SDK's response model classes (each one's static initialisation
 * builds a field table and spins a lambda class per getter and setter; {@code TableDescription}
 * alone has ~70) and the SHA-1 digest partition hashes use. While it runs, the caller is building
 * its first requests; the engine's first answers then find these classes ready, or wait for the
 * initialisation in progress, never doing it twice.
 *
 * <p>Only response-side classes are prepared here, never request classes or {@code AttributeValue}:
 * those the caller needs for itself. Set the system property {@value #PROPERTY} to {@code false} to
 * leave everything to the first requests.
 */
final class Warmup implements Runnable {
  static final String PROPERTY = "dynakit.engine.warmup";

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private Warmup() {}

  /** Starts the warm-up unless it ran in this JVM already or is switched off. */
  static void start() {
    if (!"false".equals(System.getProperty(PROPERTY)) && STARTED.compareAndSet(false, true)) {
      Thread thread = new Thread(new Warmup(), "dynakit-engine-warmup");
      thread.setDaemon(true);
      thread.start();
    }
  }

  @Override
  public void run() {
    try {
      // In the order a new engine's first requests need them: CreateTable, PutItem, reads.
      TableDescription.builder()
          .provisionedThroughput(ProvisionedThroughputDescription.builder().build())
          .billingModeSummary(BillingModeSummary.builder().build())
          .build();
      CreateTableResponse.builder().build();
      MessageDigest.getInstance("SHA-1");
      PutItemResponse.builder().build();
      ConsumedCapacity.builder().build();
      GetItemResponse.builder().build();
      QueryResponse.builder().build();
      UpdateItemResponse.builder().build();
    } catch (Exception | LinkageError e) {
      // Nothing depends on the warm-up: whatever it did not prepare, the first requests will.
    }
  }
}
