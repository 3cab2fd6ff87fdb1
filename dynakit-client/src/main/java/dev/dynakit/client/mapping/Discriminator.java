package dev.dynakit.client.mapping;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a polymorphic type: each stored item names its concrete type in an attribute, and reading
 * picks the subtype by that name. The subtypes are the permitted subclasses of a sealed type
 * (recursively), or those listed in {@link #subtypes()}; each is named by {@link TypeName} or, by
 * default, its simple class name.
 *
 * <pre>{@code
 * @Discriminator("type")
 * sealed interface Entity permits User, Order {}
 * @TypeName("USER") record User(@PartitionKey String pk, @SortKey String sk, String email) implements Entity {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Discriminator {
  /** The attribute that holds the type's name. */
  String value() default "type";

  /** The subtypes, for a type that is not sealed; empty for a sealed one. */
  Class<?>[] subtypes() default {};
}
