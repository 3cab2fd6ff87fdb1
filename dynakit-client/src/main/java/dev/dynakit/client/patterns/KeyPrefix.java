package dev.dynakit.client.patterns;

import dev.dynakit.client.table.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Composite keys for single-table design: an entity prefix and parts joined by {@code #}, such as
 * {@code USER#42} or {@code ORDER#2026-11-25#17}.
 *
 * <pre>{@code
 * KeyPrefix USER = KeyPrefix.of("USER");
 * KeyPrefix ORDER = KeyPrefix.of("ORDER");
 * String pk = USER.key("42");                       // "USER#42"
 * String sk = ORDER.key("2026-11-25", "17");        // "ORDER#2026-11-25#17"
 * table.queryByPk(pk, ORDER.all());                  // begins_with(sk, "ORDER#")
 * ORDER.parts(sk);                                   // ["2026-11-25", "17"]
 * }</pre>
 *
 * <p>A part may not contain the separator (it would make the key ambiguous), nor be empty.
 */
public final class KeyPrefix {
  /** The separator between the prefix and the parts. */
  public static final char SEPARATOR = '#';

  private final String prefix;

  private KeyPrefix(String prefix) {
    this.prefix = prefix;
  }

  /** The prefix for an entity type, e.g. {@code USER}. */
  public static KeyPrefix of(String entity) {
    return new KeyPrefix(part(entity, "entity prefix"));
  }

  /** Parts joined by {@code #}, with no entity prefix: {@code join("a", "b")} is {@code a#b}. */
  public static String join(Object... parts) {
    if (parts.length == 0) {
      throw new IllegalArgumentException("a composite key needs at least one part");
    }
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        key.append(SEPARATOR);
      }
      key.append(part(String.valueOf(Objects.requireNonNull(parts[i], "part " + i)), "part " + i));
    }
    return key.toString();
  }

  /** The parts of a composite key: {@code split("a#b")} is {@code [a, b]}. */
  public static List<String> split(String key) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= key.length(); i++) {
      if (i == key.length() || key.charAt(i) == SEPARATOR) {
        parts.add(key.substring(start, i));
        start = i + 1;
      }
    }
    return parts;
  }

  private static String part(String value, String what) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (value.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException(
          what + " contains the separator '" + SEPARATOR + "', which would make the key ambiguous");
    }
    return value;
  }

  /** The key of one entity: the prefix and the parts, e.g. {@code USER#42}. */
  public String key(Object... parts) {
    if (parts.length == 0) {
      throw new IllegalArgumentException("a key of " + prefix + " needs at least one part");
    }
    return prefix + SEPARATOR + join(parts);
  }

  /** The prefix with its separator, e.g. {@code USER#}. */
  public String prefix() {
    return prefix + SEPARATOR;
  }

  /** Whether {@code key} is a key of this entity. */
  public boolean matches(String key) {
    return key != null && key.startsWith(prefix());
  }

  /** The parts after the prefix; empty if {@code key} is not this entity's. */
  public Optional<List<String>> parts(String key) {
    return matches(key) ? Optional.of(split(key.substring(prefix().length()))) : Optional.empty();
  }

  /** A sort key condition for every key of this entity: {@code begins_with(sk, "USER#")}. */
  public SortKey all() {
    return SortKey.beginsWith(prefix());
  }

  /** A sort key condition for the keys of this entity whose parts start with {@code parts}. */
  public SortKey startingWith(Object... parts) {
    return SortKey.beginsWith(key(parts));
  }

  @Override
  public String toString() {
    return prefix();
  }
}
