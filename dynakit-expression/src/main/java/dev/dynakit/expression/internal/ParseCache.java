package dev.dynakit.expression.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.dynakit.expression.ExpressionKind;
import dev.dynakit.expression.ast.Condition;
import dev.dynakit.expression.ast.Projection;
import dev.dynakit.expression.ast.Update;

/**
 * Parsed expressions by kind and text, so that a request shape seen before costs a lookup instead
 * of a parse. Trees are immutable and independent of placeholders' values, so one serves every
 * request with the same text. Bounded, so that arbitrary client text cannot grow it without end;
 * texts that fail to parse are not kept.
 */
public final class ParseCache {
  private static final int MAXIMUM_ENTRIES = 10_000;
  private static final Cache<Key, Object> TREES =
      Caffeine.newBuilder().maximumSize(MAXIMUM_ENTRIES).build();

  private ParseCache() {}

  /** The tree of a condition, filter or key-condition expression. */
  public static Condition condition(ExpressionKind kind, String text) {
    return (Condition) TREES.get(new Key(kind, text), key -> Parser.parseCondition(kind, text));
  }

  /** The tree of an update expression. */
  public static Update update(String text) {
    return (Update)
        TREES.get(new Key(ExpressionKind.UPDATE, text), key -> Parser.parseUpdate(text));
  }

  /** The tree of a projection expression. */
  public static Projection projection(String text) {
    return (Projection)
        TREES.get(new Key(ExpressionKind.PROJECTION, text), key -> Parser.parseProjection(text));
  }

  /** How many trees are held; for tests of the cache itself. */
  static long size() {
    TREES.cleanUp();
    return TREES.estimatedSize();
  }

  private record Key(ExpressionKind kind, String text) {}
}
