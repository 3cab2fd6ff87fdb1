package dev.dynakit.secretscan;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The secrets of one test class and what was scanned for them: items of text by kind (a log line, a
 * message, a meter, a span, a response), each searched for every secret in every encoding.
 * Thread-safe: servers under test log from their own threads.
 */
public final class SecretScan {
  /** Secrets shorter than this are searched for only as they are: encoded, they match by chance. */
  static final int MIN_ENCODED_LENGTH = 8;

  private final Set<String> secrets = new LinkedHashSet<>();
  private final List<String> forms = new CopyOnWriteArrayList<>();
  private final Map<String, Long> scanned = new TreeMap<>();
  private final List<String> findings = new CopyOnWriteArrayList<>();

  SecretScan(Collection<String> secrets) {
    secrets.forEach(this::secret);
  }

  /**
   * Adds a secret to search for from now on.
   *
   * @throws IllegalArgumentException if it is empty
   */
  public synchronized SecretScan secret(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("a secret to scan for must not be empty");
    }
    if (secrets.add(secret)) {
      forms.addAll(forms(secret));
    }
    return this;
  }

  /** Scans one item of text, counted under {@code kind} ("log line", "response", ...). */
  public SecretScan text(String kind, String text) {
    synchronized (this) {
      scanned.merge(kind, 1L, Long::sum);
    }
    if (text != null) {
      for (String form : forms) {
        if (text.contains(form)) {
          findings.add(kind + ": " + masked(text, form));
          break;
        }
      }
    }
    return this;
  }

  /** Scans a throwable's message, {@code toString()} and stack trace, its causes' too. */
  public SecretScan throwable(Throwable thrown) {
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    return text("exception", thrown + "\n" + thrown.getMessage() + "\n" + trace);
  }

  /** Scans an object's {@code toString()}. */
  public SecretScan string(Object object) {
    return text("toString", String.valueOf(object));
  }

  /**
   * Scans every meter of a Micrometer {@code MeterRegistry}: its name, tags, description and base
   * unit, one item a meter.
   */
  public SecretScan meters(Object meterRegistry) {
    Meters.scan(meterRegistry, this);
    return this;
  }

  /**
   * Scans OpenTelemetry spans ({@code SpanData}, as an in-memory exporter keeps them): name,
   * attributes, events, status and links, one item a span.
   */
  public SecretScan spans(Collection<?> spanData) {
    Spans.scan(spanData, this);
    return this;
  }

  /** How many items were scanned, by kind. */
  public synchronized Map<String, Long> scanned() {
    return new TreeMap<>(scanned);
  }

  /** The items that held a secret, each with the secret masked. */
  public List<String> findings() {
    return List.copyOf(findings);
  }

  /** The secret as it is and every encoding of it searched for. */
  static List<String> forms(String secret) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(secret);
    if (secret.length() >= MIN_ENCODED_LENGTH) {
      byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
      forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
      forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
      forms.add(HexFormat.of().formatHex(bytes));
      forms.add(HexFormat.of().formatHex(bytes).toUpperCase(Locale.ROOT));
      for (int offset = 0; offset < 3; offset++) {
        String core = base64Core(bytes, offset);
        forms.add(core);
        forms.add(core.replace('+', '-').replace('/', '_'));
      }
    }
    forms.removeIf(String::isEmpty);
    return new ArrayList<>(forms);
  }

  /**
   * The base64 characters that encode only the secret's bytes when it starts {@code offset} bytes
   * into a longer text: the whole groups of three bytes that lie inside it.
   */
  static String base64Core(byte[] secret, int offset) {
    byte[] padded = new byte[offset + secret.length];
    System.arraycopy(secret, 0, padded, offset, secret.length);
    String encoded = Base64.getEncoder().withoutPadding().encodeToString(padded);
    int firstGroup = (offset + 2) / 3;
    int endGroup = padded.length / 3;
    if (endGroup <= firstGroup) {
      return "";
    }
    return encoded.substring(firstGroup * 4, endGroup * 4);
  }

  /** The text, shortened around the secret, every form of every secret masked. */
  private String masked(String text, String form) {
    int at = text.indexOf(form);
    String excerpt =
        text.substring(Math.max(0, at - 60), Math.min(text.length(), at + form.length() + 60));
    for (String each : forms) {
      excerpt = excerpt.replace(each, "<secret>");
    }
    return excerpt.replace('\n', ' ');
  }
}
