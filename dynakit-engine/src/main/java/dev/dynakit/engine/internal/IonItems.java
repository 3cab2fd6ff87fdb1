package dev.dynakit.engine.internal;

import com.amazon.ion.IonReader;
import com.amazon.ion.IonType;
import com.amazon.ion.IonWriter;
import com.amazon.ion.system.IonReaderBuilder;
import com.amazon.ion.system.IonTextWriterBuilder;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items in Amazon Ion text, as DynamoDB exports and imports them: {@code {Item:{...}}} per item,
 * strings as strings, numbers as decimals, binaries as blobs, sets as lists annotated {@code
 * $dynamodb_SS}, {@code $dynamodb_NS} or {@code $dynamodb_BS}, lists as lists, maps as structs.
 */
final class IonItems {
  private static final String SS = "$dynamodb_SS";
  private static final String NS = "$dynamodb_NS";
  private static final String BS = "$dynamodb_BS";

  private IonItems() {}

  /** The Ion text of {@code {Item:item}}. */
  static String line(Map<String, AttributeValue> item) {
    StringBuilder out = new StringBuilder();
    try (IonWriter writer = IonTextWriterBuilder.minimal().build(out)) {
      writer.stepIn(IonType.STRUCT);
      writer.setFieldName("Item");
      writeMap(writer, item);
      writer.stepOut();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeMap(IonWriter writer, Map<String, AttributeValue> map)
      throws IOException {
    writer.stepIn(IonType.STRUCT);
    for (Map.Entry<String, AttributeValue> entry : map.entrySet()) {
      writer.setFieldName(entry.getKey());
      write(writer, entry.getValue());
    }
    writer.stepOut();
  }

  private static void write(IonWriter writer, AttributeValue value) throws IOException {
    switch (value.type()) {
      case S:
        writer.writeString(value.s());
        break;
      case N:
        writer.writeDecimal(new BigDecimal(value.n()));
        break;
      case B:
        writer.writeBlob(value.b().asByteArray());
        break;
      case BOOL:
        writer.writeBool(value.bool());
        break;
      case NUL:
        writer.writeNull();
        break;
      case SS:
        writer.setTypeAnnotations(SS);
        writer.stepIn(IonType.LIST);
        for (String s : value.ss()) {
          writer.writeString(s);
        }
        writer.stepOut();
        break;
      case NS:
        writer.setTypeAnnotations(NS);
        writer.stepIn(IonType.LIST);
        for (String n : value.ns()) {
          writer.writeDecimal(new BigDecimal(n));
        }
        writer.stepOut();
        break;
      case BS:
        writer.setTypeAnnotations(BS);
        writer.stepIn(IonType.LIST);
        for (SdkBytes b : value.bs()) {
          writer.writeBlob(b.asByteArray());
        }
        writer.stepOut();
        break;
      case L:
        writer.stepIn(IonType.LIST);
        for (AttributeValue element : value.l()) {
          write(writer, element);
        }
        writer.stepOut();
        break;
      case M:
        writeMap(writer, value.m());
        break;
      default:
        throw new IllegalArgumentException("not an attribute value: " + value);
    }
  }

  /**
   * Hands each {@code Item} of the Ion text {@code in} to {@code items}; a top-level value that is
   * not {@code {Item:{...}}}, or one that holds what DynamoDB cannot, to {@code errors}.
   */
  static void read(Reader in, Consumer<Map<String, AttributeValue>> items, Runnable errors) {
    try (IonReader reader = IonReaderBuilder.standard().build(in)) {
      for (IonType type = reader.next(); type != null; type = reader.next()) {
        if (type != IonType.STRUCT) {
          errors.run();
          continue;
        }
        Map<String, AttributeValue> item = null;
        boolean bad = false;
        reader.stepIn();
        for (IonType field = reader.next(); field != null; field = reader.next()) {
          if ("Item".equals(reader.getFieldName()) && field == IonType.STRUCT) {
            try {
              item = readMap(reader);
            } catch (RuntimeException e) {
              bad = true;
            }
          }
        }
        reader.stepOut();
        if (item == null || bad) {
          errors.run();
        } else {
          items.accept(item);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, AttributeValue> readMap(IonReader reader) {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    reader.stepIn();
    for (IonType type = reader.next(); type != null; type = reader.next()) {
      map.put(reader.getFieldName(), read(reader, type));
    }
    reader.stepOut();
    return map;
  }

  private static AttributeValue read(IonReader reader, IonType type) {
    if (reader.isNullValue()) {
      return AttributeValue.fromNul(true);
    }
    switch (type) {
      case STRING:
      case SYMBOL:
        return AttributeValue.fromS(reader.stringValue());
      case INT:
      case DECIMAL:
      case FLOAT:
        return AttributeValue.fromN(reader.bigDecimalValue().toPlainString());
      case BLOB:
      case CLOB:
        return AttributeValue.fromB(SdkBytes.fromByteArray(reader.newBytes()));
      case BOOL:
        return AttributeValue.fromBool(reader.booleanValue());
      case STRUCT:
        return AttributeValue.fromM(readMap(reader));
      case LIST:
      case SEXP:
        String[] annotations = reader.getTypeAnnotations();
        String set = annotations.length == 0 ? null : annotations[0];
        List<AttributeValue> elements = new ArrayList<>();
        reader.stepIn();
        for (IonType element = reader.next(); element != null; element = reader.next()) {
          elements.add(read(reader, element));
        }
        reader.stepOut();
        if (SS.equals(set)) {
          return AttributeValue.fromSs(elements.stream().map(AttributeValue::s).toList());
        }
        if (NS.equals(set)) {
          return AttributeValue.fromNs(elements.stream().map(AttributeValue::n).toList());
        }
        if (BS.equals(set)) {
          return AttributeValue.fromBs(elements.stream().map(AttributeValue::b).toList());
        }
        return AttributeValue.fromL(elements);
      default:
        throw new IllegalArgumentException("Ion type " + type + " has no DynamoDB type");
    }
  }
}
