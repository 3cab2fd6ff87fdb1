package dev.dynakit.engine.storage;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A decoded item: its names and values in two arrays, in stored order, and unmodifiable. Cheaper to
 * build than a {@link java.util.LinkedHashMap} (no entry per attribute), and an item is read far
 * more often than it is looked into. {@link #get} scans the names of a small item and looks a large
 * one's up in an index built with it.
 */
final class ItemMap extends AbstractMap<String, AttributeValue> {
  /** Items with more attributes than this get an index for {@link #get}. */
  private static final int SCAN_LIMIT = 16;

  private final String[] names;
  private final AttributeValue[] values;
  private final Map<String, Integer> index;

  ItemMap(String[] names, AttributeValue[] values) {
    this.names = names;
    this.values = values;
    if (names.length > SCAN_LIMIT) {
      Map<String, Integer> positions = new HashMap<>(names.length * 2);
      for (int i = 0; i < names.length; i++) {
        positions.put(names[i], i);
      }
      this.index = positions;
    } else {
      this.index = null;
    }
  }

  private int indexOf(Object name) {
    if (index != null) {
      Integer position = index.get(name);
      return position == null ? -1 : position;
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i] == name) {
        return i;
      }
    }
    if (name != null) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return names.length;
  }

  @Override
  public boolean isEmpty() {
    return names.length == 0;
  }

  @Override
  public AttributeValue get(Object name) {
    int i = indexOf(name);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object name) {
    return indexOf(name) >= 0;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super AttributeValue> action) {
    for (int i = 0; i < names.length; i++) {
      action.accept(names[i], values[i]);
    }
  }

  @Override
  public Set<Entry<String, AttributeValue>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return names.length;
      }

      @Override
      public Iterator<Entry<String, AttributeValue>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < names.length;
          }

          @Override
          public Entry<String, AttributeValue> next() {
            if (next >= names.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(names[i], values[i]);
          }
        };
      }
    };
  }
}
