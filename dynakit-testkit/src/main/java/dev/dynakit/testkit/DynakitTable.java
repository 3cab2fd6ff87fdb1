package dev.dynakit.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A table made in every engine the test class gets, before its tests run (on-demand billing).
 * Repeatable. Keys are written {@code NAME:TYPE} with {@code TYPE} {@code S}, {@code N} or {@code
 * B}, as on the command line ({@code dynakit create-table}).
 *
 * <pre>{@code
 * @DynakitTable(name = "events", pk = "user:S", sk = "seq:N", gsi = "ByType=type:S,seq:N")
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(DynakitTables.class)
public @interface DynakitTable {
  /** The table's name. */
  String name();

  /** The partition key, {@code NAME:TYPE}. */
  String pk();

  /** The sort key, {@code NAME:TYPE}; none if empty. */
  String sk() default "";

  /** Global secondary indexes, each {@code INDEX=PK:TYPE[,SK:TYPE]}, projecting all attributes. */
  String[] gsi() default {};
}
