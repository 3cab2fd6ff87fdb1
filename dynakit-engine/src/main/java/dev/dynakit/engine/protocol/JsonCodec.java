package dev.dynakit.engine.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts between the DynamoDB JSON 1.0 wire format and the AWS SDK's model objects, generically,
 * by walking each model's {@link SdkPojo#sdkFields()}.
 *
 * <pre>{@code
 * PutItemRequest request = JsonCodec.read(body, PutItemRequest::builder);
 * byte[] json = JsonCodec.write(PutItemResponse.builder().build()); // {}
 * }</pre>
 *
 * <p>Unknown JSON members are ignored. Malformed JSON, or a JSON value of the wrong type for its
 * member, raises {@link MalformedException}, which the server reports as a {@code
 * SerializationException}.
 */
public final class JsonCodec {

  /** The media type of DynamoDB's request and response bodies. */
  public static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  /**
   * Jackson's default limits are below DynamoDB's: attribute names (JSON names here) may be up to
   * 64 KiB and items 400 KB; the request size is bounded by DynamoDB's own checks instead.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNameLength(1 << 20)
                  .maxStringLength(64 << 20)
                  .build())
          .build();

  /** Each builder class's fields by wire name; a model's fields are fixed, so found once. */
  private static final Map<Class<?>, Map<String, SdkField<?>>> FIELDS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private JsonCodec() {}

  /** The JSON body could not be read into the model: bad JSON, or a value of the wrong type. */
  public static final class MalformedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }

    MalformedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Reads a JSON object into a model built by {@code builder}.
   *
   * @param json the UTF-8 JSON body; an empty body reads as {@code {}}
   * @param builder makes an empty model builder, e.g. {@code PutItemRequest::builder}
   * @throws MalformedException if the body is not valid JSON or a value has the wrong type
   */
  @SuppressWarnings("unchecked")
  public static <T extends SdkPojo> T read(byte[] json, Supplier<? extends SdkPojo> builder) {
    if (json.length == 0) {
      return (T) build(builder.get());
    }
    try (JsonParser parser = FACTORY.createParser(json)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return (T) build(builder.get());
      }
      Object result = readStructure(parser, builder);
      if (parser.nextToken() != null) {
        throw new MalformedException("Unexpected content after the end of the JSON document");
      }
      return (T) result;
    } catch (JsonProcessingException e) {
      throw new MalformedException(e.getOriginalMessage(), e);
    } catch (IOException e) {
      // Nothing is read but the array: a failure is the body's, such as bytes that Jackson took
      // for UTF-32 (zero bytes early on) and that are not UTF-32 either.
      throw new MalformedException(e.getMessage(), e);
    }
  }

  /** Writes a model as the JSON the SDK's own JSON 1.0 protocol would put on the wire. */
  public static byte[] write(SdkPojo pojo) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      writeStructure(generator, pojo);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  // ---------------------------------------------------------------- reading

  private static Object readStructure(JsonParser parser, Supplier<? extends SdkPojo> constructor)
      throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw wrongType(parser, null);
    }
    SdkPojo builder = constructor.get();
    Map<String, SdkField<?>> fields =
        FIELDS.computeIfAbsent(builder.getClass(), type -> byLocationName(builder));
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      SdkField<?> field = fields.get(parser.currentName());
      JsonToken value = parser.nextToken();
      if (field == null) {
        parser.skipChildren();
        continue;
      }
      if (value == JsonToken.VALUE_NULL) {
        continue;
      }
      field.set(builder, readValue(parser, field));
    }
    return build(builder);
  }

  private static Map<String, SdkField<?>> byLocationName(SdkPojo builder) {
    Map<String, SdkField<?>> fields = new LinkedHashMap<>();
    for (SdkField<?> field : builder.sdkFields()) {
      fields.put(field.locationName(), field);
    }
    return fields;
  }

  private static Object build(SdkPojo builder) {
    return ((SdkBuilder<?, ?>) builder).build();
  }

  private static Object readValue(JsonParser parser, SdkField<?> field) throws IOException {
    MarshallingType<?> type = field.marshallingType();
    String name = field.locationName();
    if (type == MarshallingType.STRING) {
      expect(parser, JsonToken.VALUE_STRING, field);
      return parser.getText();
    } else if (type == MarshallingType.INTEGER) {
      expectNumber(parser, field);
      return parser.getIntValue();
    } else if (type == MarshallingType.LONG) {
      expectNumber(parser, field);
      return parser.getLongValue();
    } else if (type == MarshallingType.DOUBLE) {
      expectNumber(parser, field);
      return parser.getDoubleValue();
    } else if (type == MarshallingType.BOOLEAN) {
      if (!parser.currentToken().isBoolean()) {
        throw wrongType(parser, field);
      }
      return parser.getBooleanValue();
    } else if (type == MarshallingType.INSTANT) {
      expectNumber(parser, field);
      try {
        return toInstant(parser.getDecimalValue());
      } catch (ArithmeticException | java.time.DateTimeException e) {
        throw new MalformedException("Timestamp out of range: " + parser.getText(), e);
      }
    } else if (type == MarshallingType.SDK_BYTES) {
      expect(parser, JsonToken.VALUE_STRING, field);
      try {
        return SdkBytes.fromByteArray(Base64.getDecoder().decode(parser.getText()));
      } catch (IllegalArgumentException e) {
        throw new MalformedException("Base64 encoded length is expected a multiple of 4 bytes", e);
      }
    } else if (type == MarshallingType.SDK_POJO) {
      return readStructure(parser, field.constructor());
    } else if (type == MarshallingType.LIST) {
      expect(parser, JsonToken.START_ARRAY, field);
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      List<Object> list = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        list.add(parser.currentToken() == JsonToken.VALUE_NULL ? null : readValue(parser, member));
      }
      return list;
    } else if (type == MarshallingType.MAP) {
      expect(parser, JsonToken.START_OBJECT, field);
      SdkField<?> value = field.getTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> map = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonToken token = parser.nextToken();
        map.put(key, token == JsonToken.VALUE_NULL ? null : readValue(parser, value));
      }
      return map;
    }
    throw new IllegalStateException("Unsupported marshalling type " + type + " of " + name);
  }

  static Instant toInstant(BigDecimal seconds) {
    BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
    int nanos = seconds.subtract(whole).movePointRight(9).intValue();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }

  private static void expectNumber(JsonParser parser, SdkField<?> field) {
    if (!parser.currentToken().isNumeric()) {
      throw wrongType(parser, field);
    }
  }

  private static void expect(JsonParser parser, JsonToken token, SdkField<?> field) {
    if (parser.currentToken() != token) {
      throw wrongType(parser, field);
    }
  }

  private static MalformedException wrongType(JsonParser parser, SdkField<?> field) {
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT ->
          new MalformedException("Start of structure or map found where not expected.");
      case START_ARRAY -> new MalformedException("Start of list found where not expected");
      case VALUE_STRING -> converted("STRING_VALUE", field);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> converted("NUMBER_VALUE", field);
      case VALUE_TRUE -> converted("TRUE_VALUE", field);
      case VALUE_FALSE -> converted("FALSE_VALUE", field);
      default -> new MalformedException("Unexpected token " + token);
    };
  }

  /** In DynamoDB's words, e.g. {@code NUMBER_VALUE cannot be converted to String}. */
  private static MalformedException converted(String found, SdkField<?> field) {
    MarshallingType<?> type = field == null ? MarshallingType.SDK_POJO : field.marshallingType();
    String expected;
    if (type == MarshallingType.INSTANT) {
      expected = "Date";
    } else if (type == MarshallingType.SDK_BYTES) {
      expected = "ByteBuffer";
    } else if (type == MarshallingType.LIST) {
      expected = "List";
    } else if (type == MarshallingType.MAP || type == MarshallingType.SDK_POJO) {
      expected = "Map";
    } else {
      expected = type.getTargetClass().getSimpleName();
    }
    return new MalformedException(found + " cannot be converted to " + expected);
  }

  // ---------------------------------------------------------------- writing

  private static void writeStructure(JsonGenerator generator, SdkPojo pojo) throws IOException {
    generator.writeStartObject();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (value == null
          || value instanceof SdkAutoConstructList
          || value instanceof SdkAutoConstructMap) {
        continue;
      }
      generator.writeFieldName(field.locationName());
      writeValue(generator, field, value);
    }
    generator.writeEndObject();
  }

  /**
   * The text of 0, 0.5, 1, ... 1023.5, made on first use: capacity units are mostly such values,
   * and formatting a double costs more than the rest of a small response's capacity entry.
   */
  private static final String[] HALF_UNITS = new String[2048];

  /** Writes a double exactly as {@link JsonGenerator#writeNumber(double)} does. */
  private static void writeDouble(JsonGenerator generator, double value) throws IOException {
    double twice = value * 2;
    boolean cached =
        twice < HALF_UNITS.length
            && twice == Math.rint(twice)
            && (value > 0 || Double.doubleToRawLongBits(value) == 0L);
    if (!cached) {
      generator.writeNumber(value);
      return;
    }
    int index = (int) twice;
    String text = HALF_UNITS[index];
    if (text == null) {
      text = Double.toString(value);
      HALF_UNITS[index] = text;
    }
    generator.writeNumber(text);
  }

  private static void writeValue(JsonGenerator generator, SdkField<?> field, Object value)
      throws IOException {
    if (value == null) {
      generator.writeNull();
      return;
    }
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.STRING) {
      generator.writeString((String) value);
    } else if (type == MarshallingType.INTEGER) {
      generator.writeNumber((Integer) value);
    } else if (type == MarshallingType.LONG) {
      generator.writeNumber((Long) value);
    } else if (type == MarshallingType.DOUBLE) {
      writeDouble(generator, (Double) value);
    } else if (type == MarshallingType.BOOLEAN) {
      generator.writeBoolean((Boolean) value);
    } else if (type == MarshallingType.INSTANT) {
      generator.writeNumber(fromInstant((Instant) value));
    } else if (type == MarshallingType.SDK_BYTES) {
      ByteBuffer buffer = ((SdkBytes) value).asByteBuffer();
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      generator.writeString(Base64.getEncoder().encodeToString(bytes));
    } else if (type == MarshallingType.SDK_POJO) {
      if (!(value instanceof AttributeValue
          && writeAttributeValue(generator, (AttributeValue) value))) {
        writeStructure(generator, (SdkPojo) value);
      }
    } else if (type == MarshallingType.LIST) {
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      generator.writeStartArray();
      for (Object element : (List<?>) value) {
        writeValue(generator, member, element);
      }
      generator.writeEndArray();
    } else if (type == MarshallingType.MAP) {
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        generator.writeFieldName((String) entry.getKey());
        writeValue(generator, member, entry.getValue());
      }
      generator.writeEndObject();
    } else {
      throw new IllegalStateException(
          "Unsupported marshalling type " + type + " of " + field.locationName());
    }
  }

  /**
   * Writes a value of one known type directly, as {@link #writeStructure} would (its one member);
   * answers false, writing nothing, for a value of no or an unknown type, which goes the generic
   * way. Items are most of what responses carry, so this is the path that counts.
   */
  private static boolean writeAttributeValue(JsonGenerator generator, AttributeValue value)
      throws IOException {
    AttributeValue.Type type = value.type();
    if (type == null) {
      return false;
    }
    switch (type) {
      case S:
        generator.writeStartObject();
        generator.writeFieldName("S");
        writeText(generator, value.s());
        break;
      case N:
        generator.writeStartObject();
        generator.writeStringField("N", value.n());
        break;
      case BOOL:
        generator.writeStartObject();
        generator.writeBooleanField("BOOL", value.bool());
        break;
      case NUL:
        generator.writeStartObject();
        generator.writeBooleanField("NULL", value.nul());
        break;
      case M:
        generator.writeStartObject();
        generator.writeFieldName("M");
        generator.writeStartObject();
        for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
          generator.writeFieldName(entry.getKey());
          writeMember(generator, entry.getValue());
        }
        generator.writeEndObject();
        break;
      case L:
        generator.writeStartObject();
        generator.writeFieldName("L");
        generator.writeStartArray();
        for (AttributeValue member : value.l()) {
          writeMember(generator, member);
        }
        generator.writeEndArray();
        break;
      case SS:
        generator.writeStartObject();
        writeStrings(generator, "SS", value.ss());
        break;
      case NS:
        generator.writeStartObject();
        writeStrings(generator, "NS", value.ns());
        break;
      default:
        // B and BS (base64) and anything newer: the generic way.
        return false;
    }
    generator.writeEndObject();
    return true;
  }

  /**
   * Writes a string value. ASCII text that JSON does not escape (no control characters, quotes or
   * backslashes), the usual content of items, goes out as its bytes in one copy; anything else
   * through the generator's escaping, which handles it character by character.
   */
  private static void writeText(JsonGenerator generator, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    boolean plain = bytes.length == text.length();
    for (int i = 0; plain && i < bytes.length; i++) {
      byte b = bytes[i];
      plain = b >= 0x20 && b != '"' && b != '\\';
    }
    if (plain) {
      generator.writeRawUTF8String(bytes, 0, bytes.length);
    } else {
      generator.writeString(text);
    }
  }

  private static void writeMember(JsonGenerator generator, AttributeValue member)
      throws IOException {
    if (member == null) {
      generator.writeNull();
    } else if (!writeAttributeValue(generator, member)) {
      writeStructure(generator, member);
    }
  }

  private static void writeStrings(JsonGenerator generator, String name, List<String> strings)
      throws IOException {
    generator.writeFieldName(name);
    generator.writeStartArray();
    for (String text : strings) {
      if (text == null) {
        generator.writeNull();
      } else {
        generator.writeString(text);
      }
    }
    generator.writeEndArray();
  }

  /** Epoch seconds with the fraction the instant has, as the SDK writes timestamps. */
  static BigDecimal fromInstant(Instant instant) {
    return BigDecimal.valueOf(instant.getEpochSecond())
        .add(BigDecimal.valueOf(instant.getNano(), 9))
        .stripTrailingZeros();
  }
}
