package dev.dynakit.expression;

import dev.dynakit.expression.ast.Comparator;
import dev.dynakit.expression.ast.Condition;
import dev.dynakit.expression.ast.DocumentPath;
import dev.dynakit.expression.ast.Operand;
import dev.dynakit.expression.ast.PathElement;
import dev.dynakit.expression.ast.Projection;
import dev.dynakit.expression.ast.Update;
import dev.dynakit.expression.ast.UpdateAction;
import dev.dynakit.expression.value.AttributeValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Checks a parsed tree against a request's names and values, in the order DynamoDB reports: every
 * placeholder defined, literal operands of the right type, limits, and (for updates and
 * projections) no two paths overlapping.
 */
final class Binder {
  /** DynamoDB's limit on the operands of one {@code IN}. */
  static final int MAX_IN_OPERANDS = 100;

  /** DynamoDB's limit on the steps of one document path. */
  static final int MAX_PATH_DEPTH = 32;

  /** DynamoDB's limit on the operators and functions of one condition. */
  static final int MAX_OPERATORS = 300;

  /** How DynamoDB names the type of a path where a function needs a literal. */
  private static final String ANY_PATH_TYPE =
      "{HD,DECIMALSET,INTSET,INT,FS,BOOL,N,DOUBLESET,BS,FLOAT,HDS,DICT,DOUBLE,B,SS,NS,L,M,NULL,"
          + "DECIMAL,S}";

  private static final Set<String> TYPE_NAMES =
      Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");

  private final ExpressionKind kind;
  private final ExpressionAttributes attributes;

  Binder(ExpressionKind kind, ExpressionAttributes attributes) {
    this.kind = kind;
    this.attributes = attributes;
  }

  /** Binds a whole condition: its parts, then DynamoDB's limit on its operators. */
  void bindCondition(Condition condition) {
    condition(condition);
    if (operators(condition) > MAX_OPERATORS) {
      fail("The expression contains too many operators; operator count: " + (MAX_OPERATORS + 1));
    }
  }

  /** Comparisons, BETWEEN, IN, functions and the logical operators, as DynamoDB counts them. */
  private static int operators(Condition condition) {
    if (condition instanceof Condition.And and) {
      return 1 + operators(and.left()) + operators(and.right());
    } else if (condition instanceof Condition.Or or) {
      return 1 + operators(or.left()) + operators(or.right());
    } else if (condition instanceof Condition.Not not) {
      return 1 + operators(not.operand());
    } else if (condition instanceof Condition.Comparison c) {
      return 1 + operators(c.left()) + operators(c.right());
    } else if (condition instanceof Condition.Between b) {
      return 1 + operators(b.value()) + operators(b.low()) + operators(b.high());
    } else if (condition instanceof Condition.In in) {
      int count = 1 + operators(in.value());
      for (Operand candidate : in.candidates()) {
        count += operators(candidate);
      }
      return count;
    }
    int count = 1;
    for (Operand argument : ((Condition.Function) condition).arguments()) {
      count += operators(argument);
    }
    return count;
  }

  private static int operators(Operand operand) {
    int count = operand instanceof Operand.Size ? 1 : 0;
    for (Operand child : operand.children()) {
      count += operators(child);
    }
    return count;
  }

  private void condition(Condition condition) {
    if (condition instanceof Condition.Comparison c) {
      operand(c.left());
      operand(c.right());
      distinct(c.comparator().symbol(), c.left(), List.of(c.right()));
      if (c.comparator() != Comparator.EQ && c.comparator() != Comparator.NE) {
        orderable(c.comparator().symbol(), c.left());
        orderable(c.comparator().symbol(), c.right());
      }
    } else if (condition instanceof Condition.Between b) {
      operand(b.value());
      operand(b.low());
      operand(b.high());
      distinct("BETWEEN", b.value(), List.of(b.low(), b.high()));
      orderable("BETWEEN", b.value());
      orderable("BETWEEN", b.low());
      orderable("BETWEEN", b.high());
      checkBounds(b.low(), b.high());
    } else if (condition instanceof Condition.In in) {
      operand(in.value());
      if (in.candidates().size() > MAX_IN_OPERANDS) {
        fail(
            "The IN operator is provided with too many operands; number of operands: "
                + in.candidates().size());
      }
      in.candidates().forEach(this::operand);
      distinct("IN", in.value(), in.candidates());
    } else if (condition instanceof Condition.Function f) {
      function(f);
    } else if (condition instanceof Condition.And and) {
      condition(and.left());
      condition(and.right());
    } else if (condition instanceof Condition.Or or) {
      condition(or.left());
      condition(or.right());
    } else if (condition instanceof Condition.Not not) {
      condition(not.operand());
    }
  }

  private void function(Condition.Function f) {
    List<Operand> arguments = f.arguments();
    arguments.forEach(this::operand);
    String name = f.function().functionName();
    distinct(name, arguments.get(0), arguments.subList(1, arguments.size()));
    switch (f.function()) {
      case ATTRIBUTE_EXISTS, ATTRIBUTE_NOT_EXISTS -> requirePath(name, arguments.get(0));
      case ATTRIBUTE_TYPE -> {
        requirePath(name, arguments.get(0));
        if (arguments.get(1) instanceof Operand.Path) {
          fail(
              "Incorrect operand type for operator or function; operator or function: "
                  + name
                  + ", operand type: "
                  + ANY_PATH_TYPE);
        }
        AttributeValue type = literal(arguments.get(1));
        if (type != null) {
          if (type.type() != AttributeValue.Type.S) {
            operandType(name, type);
          } else if (!TYPE_NAMES.contains(type.s())) {
            fail(
                "Invalid attribute type name found; type: "
                    + type.s()
                    + ", valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}");
          }
        }
      }
      case BEGINS_WITH -> {
        for (Operand argument : arguments) {
          AttributeValue value = literal(argument);
          if (value != null
              && value.type() != AttributeValue.Type.S
              && value.type() != AttributeValue.Type.B) {
            operandType(name, value);
          }
        }
      }
      case CONTAINS -> {
        AttributeValue container = literal(arguments.get(0));
        if (container != null) {
          switch (container.type()) {
            case S, SS, NS, BS, L, B -> {}
            default -> operandType(name, container);
          }
        }
      }
    }
  }

  void update(Update update) {
    List<List<PathElement>> paths = new ArrayList<>();
    for (UpdateAction action : update.actions()) {
      paths.add(path(action.path()));
    }
    checkOverlaps(paths);
    for (UpdateAction action : update.actions()) {
      if (action instanceof UpdateAction.Set set) {
        defined(set.value());
      } else if (action instanceof UpdateAction.Add add) {
        defined(add.value());
      } else if (action instanceof UpdateAction.Delete delete) {
        defined(delete.value());
      }
    }
    for (UpdateAction action : update.actions()) {
      if (action instanceof UpdateAction.Set set) {
        updateOperand(set.value());
      } else if (action instanceof UpdateAction.Add add) {
        AttributeValue value = literalOrNull(add.value());
        if (value != null) {
          switch (value.type()) {
            case N, SS, NS, BS -> {}
            default ->
                fail(
                    "Incorrect operand type for operator or function; operator: ADD, operand type: "
                        + typeWord(value)
                        + ", typeSet: ALLOWED_FOR_ADD_OPERAND");
          }
        }
      } else if (action instanceof UpdateAction.Delete delete) {
        AttributeValue value = literalOrNull(delete.value());
        if (value != null) {
          switch (value.type()) {
            case SS, NS, BS -> {}
            default ->
                fail(
                    "Incorrect operand type for operator or function; operator: DELETE, operand type: "
                        + typeWord(value)
                        + ", typeSet: ALLOWED_FOR_DELETE_OPERAND");
          }
        }
      }
    }
  }

  /** Checks that every placeholder of an update operand is defined, before any type. */
  private void defined(Operand operand) {
    if (operand instanceof Operand.Path p) {
      path(p.path());
    } else if (operand instanceof Operand.Value) {
      operand(operand);
    } else {
      operand.children().forEach(this::defined);
    }
  }

  private void updateOperand(Operand operand) {
    if (operand instanceof Operand.Arithmetic a) {
      updateOperand(a.left());
      updateOperand(a.right());
      numeric(a.operator().symbol(), a.left());
      numeric(a.operator().symbol(), a.right());
    } else if (operand instanceof Operand.IfNotExists i) {
      updateOperand(i.path());
      updateOperand(i.fallback());
      requirePath("if_not_exists", i.path());
    } else if (operand instanceof Operand.ListAppend l) {
      updateOperand(l.first());
      updateOperand(l.second());
      for (Operand part : List.of(l.first(), l.second())) {
        AttributeValue value = literal(part);
        if (value != null && value.type() != AttributeValue.Type.L) {
          operandType("list_append", value);
        }
      }
    } else {
      operand(operand);
    }
  }

  List<List<PathElement>> projection(Projection projection) {
    List<List<PathElement>> paths = new ArrayList<>();
    for (DocumentPath path : projection.paths()) {
      paths.add(path(path));
    }
    checkOverlaps(paths);
    return paths;
  }

  private void operand(Operand operand) {
    if (operand instanceof Operand.Path p) {
      path(p.path());
    } else if (operand instanceof Operand.Value v) {
      if (attributes.useValue(v.placeholder()).isEmpty()) {
        fail(
            "An expression attribute value used in expression is not defined; attribute value: "
                + v.placeholder());
      }
    } else if (operand instanceof Operand.Size s) {
      operand(s.operand());
      AttributeValue value = literal(s.operand());
      if (s.operand() instanceof Operand.Size) {
        fail(
            "Incorrect operand type for operator or function; operator or function: size,"
                + " operand type: N");
      } else if (value != null && AttributeValues.size(value).isEmpty()) {
        operandType("size", value);
      }
    } else {
      operand.children().forEach(this::operand);
    }
  }

  private List<PathElement> path(DocumentPath path) {
    if (path.elements().size() > MAX_PATH_DEPTH) {
      fail(
          "The document path has too many nesting levels; nesting levels: "
              + path.elements().size());
    }
    for (PathElement element : path.elements()) {
      if (element instanceof PathElement.Name name
          && name.isPlaceholder()
          && attributes.useName(name.token()).isEmpty()) {
        fail(
            "An expression attribute name used in the document path is not defined; attribute name: "
                + name.token());
      }
    }
    return attributes.resolve(path);
  }

  /** DynamoDB refuses an operator whose first operand, a path, appears again among the others. */
  private void distinct(String operator, Operand first, List<Operand> others) {
    if (!(first instanceof Operand.Path path)) {
      return;
    }
    List<PathElement> resolved = attributes.resolve(path.path());
    for (Operand other : others) {
      if (other instanceof Operand.Path p && attributes.resolve(p.path()).equals(resolved)) {
        fail(
            "The first operand must be distinct from the remaining operands for this operator or"
                + " function; operator: "
                + operator
                + ", first operand: "
                + describe(resolved));
      }
    }
  }

  private void requirePath(String function, Operand operand) {
    if (!(operand instanceof Operand.Path)) {
      fail("Operator or function requires a document path; operator or function: " + function);
    }
  }

  private void orderable(String operator, Operand operand) {
    AttributeValue value = literal(operand);
    if (value != null) {
      switch (value.type()) {
        case S, N, B -> {}
        default -> operandType(operator, value);
      }
    }
  }

  private void numeric(String operator, Operand operand) {
    AttributeValue value = literal(operand);
    if (value != null && value.type() != AttributeValue.Type.N) {
      operandType(operator, value);
    }
  }

  private void checkBounds(Operand low, Operand high) {
    AttributeValue lower = literal(low);
    AttributeValue upper = literal(high);
    if (lower != null && upper != null) {
      if (lower.type() != upper.type()) {
        fail(
            "The BETWEEN operator requires same data type for lower and upper bounds;"
                + " lower bound operand: AttributeValue: "
                + brief(lower)
                + ", upper bound operand: AttributeValue: "
                + brief(upper));
      }
      var order = AttributeValues.compare(lower, upper);
      if (order.isPresent() && order.getAsInt() > 0) {
        fail(
            "The BETWEEN operator requires upper bound to be greater than or equal to lower bound;"
                + " lower bound operand: AttributeValue: "
                + brief(lower)
                + ", upper bound operand: AttributeValue: "
                + brief(upper));
      }
    }
  }

  private void operandType(String function, AttributeValue value) {
    fail(
        "Incorrect operand type for operator or function; operator or function: "
            + function
            + ", operand type: "
            + Evaluator.typeName(value));
  }

  /** The value of an operand that is a defined placeholder, or null. */
  private AttributeValue literal(Operand operand) {
    return operand instanceof Operand.Value v
        ? attributes.useValue(v.placeholder()).orElse(null)
        : null;
  }

  private AttributeValue literalOrNull(Operand operand) {
    operand(operand);
    return literal(operand);
  }

  /**
   * Refuses paths that overlap or conflict, as DynamoDB does: paths are taken in the order written;
   * one that is a prefix of another, or meets another where a list index and a map key disagree, is
   * refused at once; an exact repeat is refused once all paths are taken, naming the last path
   * taken as the second path (which is DynamoDB's wording, odd as it is).
   */
  private void checkOverlaps(List<List<PathElement>> paths) {
    List<List<PathElement>> taken = new ArrayList<>();
    List<PathElement> repeated = null;
    for (List<PathElement> path : paths) {
      boolean repeat = false;
      for (List<PathElement> earlier : taken) {
        int common = Math.min(earlier.size(), path.size());
        int k = 0;
        while (k < common && earlier.get(k).equals(path.get(k))) {
          k++;
        }
        if (k == common && earlier.size() == path.size()) {
          repeat = true;
        } else if (k == common) {
          fail(
              "Two document paths overlap with each other; must remove or rewrite one of these"
                  + " paths; path one: "
                  + describe(earlier)
                  + ", path two: "
                  + describe(path));
        } else if (earlier.get(k).getClass() != path.get(k).getClass()) {
          fail(
              "Two document paths conflict with each other; must remove or rewrite one of these"
                  + " paths; path one: "
                  + describe(earlier)
                  + ", path two: "
                  + describe(path));
        }
      }
      if (repeat) {
        if (repeated == null) {
          repeated = path;
        }
      } else {
        taken.add(path);
      }
    }
    if (repeated != null) {
      fail(
          "Two document paths overlap with each other; must remove or rewrite one of these"
              + " paths; path one: "
              + describe(repeated)
              + ", path two: "
              + describe(taken.get(taken.size() - 1)));
    }
  }

  static String describe(List<PathElement> path) {
    return path.stream()
        .map(e -> e instanceof PathElement.Name n ? n.token() : e.toString())
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** DynamoDB's short form of a value in messages: {@code {N:5}}. */
  static String brief(AttributeValue value) {
    String text =
        switch (value.type()) {
          case S -> value.s();
          case N -> value.n();
          // DynamoDB writes a binary value as the Java ByteBuffer that holds it.
          case B -> byteBuffer(value.b().asByteArray().length);
          default -> value.toString();
        };
    return "{" + Evaluator.typeName(value) + ":" + text + "}";
  }

  private static String byteBuffer(int length) {
    return "java.nio.HeapByteBuffer[pos=0 lim=" + length + " cap=" + length + "]";
  }

  private static String typeWord(AttributeValue value) {
    return switch (value.type()) {
      case S -> "STRING";
      case N -> "NUMBER";
      case B -> "BINARY";
      case BOOL -> "BOOLEAN";
      case NUL -> "NULL";
      case L -> "LIST";
      case M -> "MAP";
      default -> value.type().toString();
    };
  }

  private void fail(String message) {
    throw new ValidationException(kind.errorPrefix() + message);
  }
}
