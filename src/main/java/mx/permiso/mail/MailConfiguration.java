package mx.permiso.mail;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Client email settings and the dispatcher's schedule (switched off in tests that run it by hand). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailSettings.class)
class MailConfiguration {

  /**
   * Runs the dispatcher on a thread of its own: {@code permiso.mail.dispatch-delay} after this node
   * has committed a step that wrote an email (the emails of the steps committed meanwhile go in the
   * same round; a storm of reminders is sent in full rounds, not an email a round), and every
   * {@code permiso.mail.dispatch-interval} otherwise (emails other nodes wrote, retries that have come
   * due). On shutdown it finishes the email it is sending and stops.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "permiso.mail.dispatcher-enabled", havingValue = "true", matchIfMissing = true)
  static class DispatchSchedule implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchSchedule.class);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(30);

    private final MailDispatcher dispatcher;
    private final Duration interval;
    private final Duration delay;
    private final Semaphore work = new Semaphore(0);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private Thread thread;

    DispatchSchedule(MailDispatcher dispatcher, MailSettings settings) {
      this.dispatcher = dispatcher;
      this.interval = settings.dispatchInterval();
      this.delay = settings.dispatchDelay();
    }

    /** A step that wrote an email has committed: the email can go now rather than at the next interval. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    public void emailQueued(Outbox.EmailQueued queued) {
      if (work.availablePermits() == 0) {
        work.release();
      }
    }

    @Override
    public synchronized void start() {
      running = true;
      thread = new Thread(this::dispatchUntilStopped, "mail-dispatcher");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public synchronized void stop() {
      running = false;
      stopping.countDown();
      work.release();
      try {
        thread.join(STOP_PATIENCE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    private void dispatchUntilStopped() {
      while (running) {
        try {
          if (work.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS)
              && stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
            return;
          }
        } catch (InterruptedException e) {
          return;
        }
        work.drainPermits();
        try {
          dispatcher.dispatchDue(() -> running);
        } catch (RuntimeException e) {
          // The outbox keeps every message: the next round tries again.
          LOG.error("Dispatching email failed; trying again within {}", interval, e);
        }
      }
    }
  }
}
