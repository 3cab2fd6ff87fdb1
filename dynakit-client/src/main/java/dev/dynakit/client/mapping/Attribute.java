package dev.dynakit.client.mapping;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The attribute name in DynamoDB, when it differs from the field name. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Attribute {
  /** The attribute name; any string DynamoDB accepts (1 to 255 bytes of UTF-8). */
  String value();
}
