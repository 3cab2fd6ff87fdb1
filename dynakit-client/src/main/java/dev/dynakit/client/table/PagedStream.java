package dev.dynakit.client.table;

import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A query's or scan's items as a stream that reads the next page only when it is needed. */
final class PagedStream {
  private PagedStream() {}

  /** One answer: its items and where the next page starts (null or empty: nowhere). */
  record Page(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> next) {}

  /**
   * The items of the pages {@code fetch} answers (given the start key, null for the first), those
   * {@code live} keeps, as {@code map} makes them.
   */
  static <T> Stream<T> of(
      Function<Map<String, AttributeValue>, Page> fetch,
      Predicate<Map<String, AttributeValue>> live,
      Function<Map<String, AttributeValue>, T> map) {
    Spliterator<T> spliterator =
        new Spliterators.AbstractSpliterator<T>(
            Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
          private List<Map<String, AttributeValue>> page = List.of();
          private int position;
          private Map<String, AttributeValue> next;
          private boolean done;

          @Override
          public boolean tryAdvance(Consumer<? super T> action) {
            while (true) {
              while (position < page.size()) {
                Map<String, AttributeValue> item = page.get(position++);
                if (live.test(item)) {
                  action.accept(map.apply(item));
                  return true;
                }
              }
              if (done) {
                return false;
              }
              Page answer = fetch.apply(next);
              page = answer.items();
              position = 0;
              next = answer.next() == null || answer.next().isEmpty() ? null : answer.next();
              done = next == null;
            }
          }
        };
    return StreamSupport.stream(spliterator, false);
  }
}
