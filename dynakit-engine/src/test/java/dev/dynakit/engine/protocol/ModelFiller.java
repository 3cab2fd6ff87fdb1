package dev.dynakit.engine.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/** Fills every field of a model with a generated value chosen by its marshalling type. */
final class ModelFiller {

  private final Random random;
  private final int maxDepth;

  ModelFiller(long seed, int maxDepth) {
    this.random = new Random(seed);
    this.maxDepth = maxDepth;
  }

  @SuppressWarnings("unchecked")
  <T> T fill(Supplier<? extends SdkPojo> builder) {
    return (T) structure(builder, 0);
  }

  private Object structure(Supplier<? extends SdkPojo> constructor, int depth) {
    SdkPojo builder = constructor.get();
    for (SdkField<?> field : builder.sdkFields()) {
      Object value = value(field, depth);
      if (value != null) {
        field.set(builder, value);
      }
    }
    return ((SdkBuilder<?, ?>) builder).build();
  }

  private Object value(SdkField<?> field, int depth) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.STRING) {
      return "s" + random.nextInt(1000) + "\u00e9\"\\/\n";
    } else if (type == MarshallingType.INTEGER) {
      return random.nextInt();
    } else if (type == MarshallingType.LONG) {
      return random.nextLong();
    } else if (type == MarshallingType.DOUBLE) {
      return random.nextInt(100000) / 8.0;
    } else if (type == MarshallingType.BOOLEAN) {
      return random.nextBoolean();
    } else if (type == MarshallingType.INSTANT) {
      return Instant.ofEpochSecond(
          1_600_000_000L + random.nextInt(100_000_000), random.nextInt(1000) * 1_000_000L);
    } else if (type == MarshallingType.SDK_BYTES) {
      byte[] bytes = new byte[random.nextInt(8)];
      random.nextBytes(bytes);
      return SdkBytes.fromByteArray(bytes);
    }
    if (depth >= maxDepth) {
      return null;
    }
    if (type == MarshallingType.SDK_POJO) {
      return structure(field.constructor(), depth + 1);
    } else if (type == MarshallingType.LIST) {
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      List<Object> list = new ArrayList<>();
      int size = random.nextInt(3);
      for (int i = 0; i < size; i++) {
        Object element = value(member, depth + 1);
        if (element != null) {
          list.add(element);
        }
      }
      return list;
    } else if (type == MarshallingType.MAP) {
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> map = new LinkedHashMap<>();
      int size = random.nextInt(3);
      for (int i = 0; i < size; i++) {
        Object element = value(member, depth + 1);
        if (element != null) {
          map.put("k" + i, element);
        }
      }
      return map;
    }
    throw new IllegalStateException("Unsupported marshalling type " + type);
  }
}
