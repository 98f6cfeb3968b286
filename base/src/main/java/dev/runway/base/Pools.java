package dev.runway.base;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Bounded, daemon, named thread pools; every queue has a limit. */
public final class Pools {
  private Pools() {}

  public static ThreadPoolExecutor fixed(String name, int threads, int queue) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(
        threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, queue)), daemon(name));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  public static ScheduledThreadPoolExecutor timer(String name) {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon(name));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  public static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
