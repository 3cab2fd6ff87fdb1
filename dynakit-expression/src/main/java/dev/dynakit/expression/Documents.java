package dev.dynakit.expression;

import dev.dynakit.expression.ast.PathElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reading and writing at resolved document paths of an item. Items and attribute values are
 * immutable; writes return new containers along the path and share everything else.
 */
final class Documents {
  private Documents() {}

  /** The value at a path, or null where the path leads nowhere. */
  static AttributeValue get(Map<String, AttributeValue> item, List<PathElement> path) {
    AttributeValue current = item.get(((PathElement.Name) path.get(0)).token());
    for (int i = 1; i < path.size() && current != null; i++) {
      current = step(current, path.get(i));
    }
    return current;
  }

  static AttributeValue step(AttributeValue container, PathElement element) {
    if (element instanceof PathElement.Name name) {
      return container.type() == AttributeValue.Type.M ? container.m().get(name.token()) : null;
    }
    int index = ((PathElement.Index) element).index();
    if (container.type() == AttributeValue.Type.L && index < container.l().size()) {
      return container.l().get(index);
    }
    return null;
  }

  /**
   * Writes a value at a path: a list index past the end appends. Returns false, changing nothing,
   * where the path's parent is missing or of the wrong type.
   */
  static boolean set(
      Map<String, AttributeValue> item, List<PathElement> path, AttributeValue value) {
    String top = ((PathElement.Name) path.get(0)).token();
    if (path.size() == 1) {
      item.put(top, value);
      return true;
    }
    AttributeValue updated = setIn(item.get(top), path, 1, value);
    if (updated == null) {
      return false;
    }
    item.put(top, updated);
    return true;
  }

  private static AttributeValue setIn(
      AttributeValue container, List<PathElement> path, int at, AttributeValue value) {
    if (container == null) {
      return null;
    }
    PathElement element = path.get(at);
    boolean last = at == path.size() - 1;
    if (element instanceof PathElement.Name name) {
      if (container.type() != AttributeValue.Type.M) {
        return null;
      }
      AttributeValue child =
          last ? value : setIn(container.m().get(name.token()), path, at + 1, value);
      if (child == null) {
        return null;
      }
      Map<String, AttributeValue> map = new LinkedHashMap<>(container.m());
      map.put(name.token(), child);
      return AttributeValue.fromM(map);
    }
    if (container.type() != AttributeValue.Type.L) {
      return null;
    }
    int index = ((PathElement.Index) element).index();
    List<AttributeValue> list = new ArrayList<>(container.l());
    if (last) {
      if (index < list.size()) {
        list.set(index, value);
      } else {
        list.add(value);
      }
    } else {
      AttributeValue child =
          setIn(index < list.size() ? list.get(index) : null, path, at + 1, value);
      if (child == null) {
        return null;
      }
      list.set(index, child);
    }
    return AttributeValue.fromL(list);
  }

  /**
   * Whether the container a path's last step reads from exists and has the step's type (a map for a
   * name, a list for an index). A top-level attribute always has one: the item.
   */
  static boolean hasParent(Map<String, AttributeValue> item, List<PathElement> path) {
    if (path.size() == 1) {
      return true;
    }
    AttributeValue parent = get(item, path.subList(0, path.size() - 1));
    if (parent == null) {
      return false;
    }
    return path.get(path.size() - 1) instanceof PathElement.Name
        ? parent.type() == AttributeValue.Type.M
        : parent.type() == AttributeValue.Type.L;
  }

  /**
   * Removes the value at a path; a last step that is missing (a map key not there, an index past
   * the end) changes nothing. The caller has checked {@link #hasParent}.
   */
  static void remove(Map<String, AttributeValue> item, List<PathElement> path) {
    String top = ((PathElement.Name) path.get(0)).token();
    if (path.size() == 1) {
      item.remove(top);
      return;
    }
    AttributeValue updated = removeIn(item.get(top), path, 1);
    if (updated != null) {
      item.put(top, updated);
    }
  }

  private static AttributeValue removeIn(AttributeValue container, List<PathElement> path, int at) {
    if (container == null) {
      return null;
    }
    PathElement element = path.get(at);
    boolean last = at == path.size() - 1;
    if (element instanceof PathElement.Name name) {
      if (container.type() != AttributeValue.Type.M || !container.m().containsKey(name.token())) {
        return null;
      }
      Map<String, AttributeValue> map = new LinkedHashMap<>(container.m());
      if (last) {
        map.remove(name.token());
      } else {
        AttributeValue child = removeIn(map.get(name.token()), path, at + 1);
        if (child == null) {
          return null;
        }
        map.put(name.token(), child);
      }
      return AttributeValue.fromM(map);
    }
    int index = ((PathElement.Index) element).index();
    if (container.type() != AttributeValue.Type.L || index >= container.l().size()) {
      return null;
    }
    List<AttributeValue> list = new ArrayList<>(container.l());
    if (last) {
      list.remove(index);
    } else {
      AttributeValue child = removeIn(list.get(index), path, at + 1);
      if (child == null) {
        return null;
      }
      list.set(index, child);
    }
    return AttributeValue.fromL(list);
  }
}
