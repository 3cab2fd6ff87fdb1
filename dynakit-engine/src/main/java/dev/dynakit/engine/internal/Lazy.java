package dev.dynakit.engine.internal;

/**
 * A value made on first use, once, by {@link #make()}; safe to share between threads. A subclass
 * rather than a {@code Supplier} lambda, so that holding one spins no lambda class at start-up.
 *
 * @param <T> the value's type
 */
public abstract class Lazy<T> {
  private volatile T value;

  /** Makes the value; called at most once (per instance) by {@link #get()}. */
  protected abstract T make();

  /** The value, made now if it was not yet. */
  public final T get() {
    T made = value;
    if (made == null) {
      synchronized (this) {
        made = value;
        if (made == null) {
          made = make();
          value = made;
        }
      }
    }
    return made;
  }
}
