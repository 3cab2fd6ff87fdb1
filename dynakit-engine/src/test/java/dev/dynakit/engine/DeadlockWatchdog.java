package dev.dynakit.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Keeps a concurrency test from hanging the build. Each test method runs on a thread of its own; if
 * it has not finished within the bound, the test fails with a dump of every thread and the threads
 * the JVM finds deadlocked, and the stuck thread is interrupted. When a test does finish, no thread
 * may be deadlocked either.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DeadlockWatchdog WATCHDOG = DeadlockWatchdog.within(Duration.ofMinutes(2));
 * }</pre>
 */
final class DeadlockWatchdog implements InvocationInterceptor {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final Duration bound;

  private DeadlockWatchdog(Duration bound) {
    if (bound.isNegative() || bound.isZero()) {
      throw new IllegalArgumentException("The watchdog's bound must be positive: " + bound);
    }
    this.bound = bound;
  }

  /** A watchdog failing any test method that runs longer than {@code bound}. */
  static DeadlockWatchdog within(Duration bound) {
    return new DeadlockWatchdog(bound);
  }

  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext)
      throws Throwable {
    watch(extensionContext.getDisplayName(), bound, invocation::proceed);
  }

  @Override
  public void interceptTestTemplateMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext)
      throws Throwable {
    watch(extensionContext.getDisplayName(), bound, invocation::proceed);
  }

  /** Work that may throw anything. */
  interface Work<T> {
    T run() throws Throwable;
  }

  /**
   * Runs {@code work} on a thread of its own and answers its result; fails with a thread dump when
   * it takes longer than {@code bound}, and when a thread is deadlocked after it finished.
   */
  static <T> T watch(String name, Duration bound, Work<T> work) throws Throwable {
    ExecutorService runner =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "watched " + name);
              thread.setDaemon(true);
              return thread;
            });
    try {
      Future<T> result =
          runner.submit(
              () -> {
                try {
                  return work.run();
                } catch (Exception | Error e) {
                  throw e;
                } catch (Throwable t) {
                  throw new ExecutionException(t);
                }
              });
      T answer;
      try {
        answer = result.get(bound.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException stuck) {
        String dump = dump();
        result.cancel(true);
        throw new AssertionError(name + " did not finish within " + bound + "; " + dump, stuck);
      } catch (ExecutionException failed) {
        Throwable cause = failed.getCause();
        throw cause instanceof ExecutionException ? cause.getCause() : cause;
      }
      assertNoDeadlock();
      return answer;
    } finally {
      runner.shutdownNow();
    }
  }

  /** Fails, with their stacks, when the JVM finds threads deadlocked on monitors or locks. */
  static void assertNoDeadlock() {
    long[] deadlocked = THREADS.findDeadlockedThreads();
    if (deadlocked != null) {
      throw new AssertionError("Threads are deadlocked; " + dump());
    }
  }

  /** The deadlocked threads, if any, then every thread's stack, locks and waits. */
  static String dump() {
    StringBuilder text = new StringBuilder();
    long[] deadlocked = THREADS.findDeadlockedThreads();
    if (deadlocked == null) {
      text.append("no thread is deadlocked.\n");
    } else {
      text.append("deadlocked threads:\n");
      for (ThreadInfo info : THREADS.getThreadInfo(deadlocked, true, true)) {
        if (info != null) {
          text.append(describe(info));
        }
      }
    }
    text.append("all threads:\n");
    Arrays.stream(THREADS.dumpAllThreads(true, true))
        .map(DeadlockWatchdog::describe)
        .forEach(text::append);
    return text.toString();
  }

  /** A thread's whole stack (ThreadInfo.toString stops at eight frames) with what it holds. */
  private static String describe(ThreadInfo info) {
    StringBuilder text = new StringBuilder();
    text.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
    if (info.getLockName() != null) {
      text.append(" on ").append(info.getLockName());
    }
    if (info.getLockOwnerName() != null) {
      text.append(" owned by \"").append(info.getLockOwnerName()).append('"');
    }
    text.append('\n');
    for (StackTraceElement frame : info.getStackTrace()) {
      text.append("\tat ").append(frame).append('\n');
    }
    for (var lock : info.getLockedSynchronizers()) {
      text.append("\tholds ").append(lock).append('\n');
    }
    for (var monitor : info.getLockedMonitors()) {
      text.append("\tholds ").append(monitor).append('\n');
    }
    return text.toString();
  }
}
