package dev.dynakit.client.observability;

import software.amazon.awssdk.core.SdkResponse;

/** One kind of observation (metrics, traces, logs) of the calls an SDK client makes. */
interface Observer {
  /** The call starts: no interceptor has refused it yet, nothing has been sent. */
  default void created(ObservedCall call) {}

  /**
   * The first attempt is about to be sent. From here on the SDK reports the call's end to every
   * interceptor, so resources that must be released at the end (a current span's scope) are taken
   * here and not in {@link #created}: a call refused by an interceptor before this point ends
   * without any further hook.
   */
  default void started(ObservedCall call) {}

  /** An attempt is about to be sent (each attempt, the first included, after {@link #started}). */
  default void sending(ObservedCall call) {}

  /** An attempt got an answer, successful or not (an attempt that failed without one does not). */
  default void answered(ObservedCall call) {}

  /** An attempt got an error answer ({@code errorCode} may be {@code null} if unreadable). */
  default void attemptFailed(ObservedCall call, int status, String errorCode) {}

  /** Attempt number {@link ObservedCall#attempts} (2 or more) is about to be sent. */
  default void retrying(ObservedCall call) {}

  /** The call succeeded with this response (as the service sent it). */
  default void succeeded(ObservedCall call, SdkResponse response) {}

  /** The call failed with this error (after any mapping to the adapter's errors). */
  default void failed(ObservedCall call, Throwable error) {}
}
