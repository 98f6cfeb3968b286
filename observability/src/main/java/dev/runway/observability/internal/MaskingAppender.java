package dev.runway.observability.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.runway.observability.Masker;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first appender every event reaches: masks it on the logging thread and hands the masked
 * event to its child appenders, so no appender below it ever sees a secret. Usable from
 * {@code logback.xml} (children as {@code <appender-ref>}); the secrets come from the masker
 * registered in the logger context under {@link #CONTEXT_KEY} (see {@code Logging.maskSecretsOf}),
 * and the built-in key formats are masked from the start.
 */
public final class MaskingAppender extends ForwardingAppender {
  /** Where the context's shared masker holder lives. */
  public static final String CONTEXT_KEY = "dev.runway.observability.masker";

  private AtomicReference<Masker> masker = new AtomicReference<>(Masker.formatsOnly());

  public MaskingAppender() {
    setName("RUNWAY_MASK");
  }

  /** The masker holder shared by every masking appender of the context. */
  @SuppressWarnings("unchecked")
  public static AtomicReference<Masker> holder(ch.qos.logback.core.Context context) {
    synchronized (context.getConfigurationLock()) {
      Object existing = context.getObject(CONTEXT_KEY);
      if (existing instanceof AtomicReference<?> ref) return (AtomicReference<Masker>) ref;
      AtomicReference<Masker> ref = new AtomicReference<>(Masker.formatsOnly());
      context.putObject(CONTEXT_KEY, ref);
      return ref;
    }
  }

  @Override
  public void start() {
    if (context != null) masker = holder(context);
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    children.appendLoopOnAppenders(MaskedEvent.of(event, masker.get()));
  }

  @Override
  public void stop() {
    super.stop();
    children.detachAndStopAllAppenders();
  }
}
