package dev.runway.observability.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import java.util.Iterator;

/** An appender that hands events on to child appenders: the attach/detach plumbing both of ours share. */
abstract class ForwardingAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
    implements AppenderAttachable<ILoggingEvent> {
  protected final AppenderAttachableImpl<ILoggingEvent> children = new AppenderAttachableImpl<>();

  @Override
  public void addAppender(Appender<ILoggingEvent> appender) {
    children.addAppender(appender);
  }

  @Override
  public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
    return children.iteratorForAppenders();
  }

  @Override
  public Appender<ILoggingEvent> getAppender(String name) {
    return children.getAppender(name);
  }

  @Override
  public boolean isAttached(Appender<ILoggingEvent> appender) {
    return children.isAttached(appender);
  }

  @Override
  public void detachAndStopAllAppenders() {
    children.detachAndStopAllAppenders();
  }

  @Override
  public boolean detachAppender(Appender<ILoggingEvent> appender) {
    return children.detachAppender(appender);
  }

  @Override
  public boolean detachAppender(String name) {
    return children.detachAppender(name);
  }
}
