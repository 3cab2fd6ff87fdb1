package dev.dynakit.secretscan;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scans everything a test class makes the system emit for secrets, and fails the class if one
 * appears: every log event (logback's root logger and {@code java.util.logging}'s, while the class
 * runs), standard output and error, the message, {@code toString()} and stack trace of every
 * exception a test throws, and whatever the tests hand to the {@link SecretScan} they are given as
 * a parameter (responses, exceptions they caught, Micrometer registries, OpenTelemetry spans,
 * objects' {@code toString()}). A secret counts as found as is, URL-encoded, in base64 (standard or
 * URL-safe, at any alignment) or in hex.
 *
 * <pre>{@code
 * @ScanForSecrets("wJalrXUtnFEMI/K7MDENG")
 * class CredentialsTest {
 *   @Test
 *   void refused(SecretScan scan) {
 *     scan.secret(tokenMadeByTheTest);
 *     scan.text("response", response.body());
 *   }
 * }
 * }</pre>
 *
 * <p>What was scanned is counted by kind and written to {@code target/secret-scan/<class>.txt}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(SecretScanExtension.class)
public @interface ScanForSecrets {
  /** The secrets that must never appear; tests may add more with {@link SecretScan#secret}. */
  String[] value() default {};
}
