package mx.permiso.mail;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.mail.MailHealthIndicator;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.util.StringUtils;

/**
 * Client email settings, the SMTP server ({@code spring.mail.*}) and the dispatcher's schedule (switched off
 * in tests that run it by hand). Whether there is an SMTP server, and whether the dispatcher runs, is read
 * when the application starts, not when it is built: the packaged application's beans are fixed at build
 * time (ADR 016), so neither may depend on a condition.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MailSettings.class, MailProperties.class})
class MailConfiguration {

  /**
   * The SMTP server {@code spring.mail.*} names, made as Spring Boot makes it (host, port, account, protocol,
   * encoding, properties, SSL); none (no bean) without {@code spring.mail.host}: emails wait in the outbox.
   * Not supported: a mail session from JNDI ({@code spring.mail.jndi-name}) and Spring Boot's check of the
   * server at start ({@code spring.mail.test-connection}; the {@code mail} health check tells instead).
   */
  @Bean
  JavaMailSenderImpl mailSender(MailProperties mail, ObjectProvider<SslBundles> sslBundles) {
    if (!StringUtils.hasText(mail.getHost())) {
      return null;
    }
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost(mail.getHost());
    if (mail.getPort() != null) {
      sender.setPort(mail.getPort());
    }
    sender.setUsername(mail.getUsername());
    sender.setPassword(mail.getPassword());
    sender.setProtocol(mail.getProtocol());
    if (mail.getDefaultEncoding() != null) {
      sender.setDefaultEncoding(mail.getDefaultEncoding().name());
    }
    Properties properties = new Properties();
    properties.putAll(mail.getProperties());
    String protocol = StringUtils.hasLength(mail.getProtocol()) ? mail.getProtocol() : JavaMailSenderImpl.DEFAULT_PROTOCOL;
    MailProperties.Ssl ssl = mail.getSsl();
    if ((ssl.isEnabled() || StringUtils.hasLength(ssl.getBundle())) && ssl.isVerifyHostname()) {
      properties.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
    }
    if (ssl.isEnabled()) {
      properties.setProperty("mail." + protocol + ".ssl.enable", "true");
    }
    if (StringUtils.hasLength(ssl.getBundle())) {
      SslBundle bundle = sslBundles.getObject().getBundle(ssl.getBundle());
      properties.put("mail." + protocol + ".ssl.socketFactory", bundle.createSslContext().getSocketFactory());
    }
    sender.setJavaMailProperties(properties);
    return sender;
  }

  /**
   * The SMTP server's health ({@code mail} in {@code /actuator/health}, shown to managers; not part of
   * readiness), when there is one and {@code management.health.mail.enabled} is not false.
   */
  @Bean
  SmartInitializingSingleton mailHealth(ObjectProvider<JavaMailSenderImpl> sender, ObjectProvider<HealthContributorRegistry> health,
      @Value("${management.health.mail.enabled:${management.health.defaults.enabled:true}}") boolean enabled) {
    return () -> {
      JavaMailSenderImpl server = sender.getIfAvailable();
      HealthContributorRegistry registry = health.getIfAvailable();
      if (enabled && server != null && registry != null) {
        registry.registerContributor("mail", new MailHealthIndicator(server));
      }
    };
  }

  /**
   * Runs the dispatcher on a thread of its own: {@code permiso.mail.dispatch-delay} after this node
   * has committed a step that wrote an email (the emails of the steps committed meanwhile go in the
   * same round; a storm of reminders is sent in full rounds, not an email a round), and every
   * {@code permiso.mail.dispatch-interval} otherwise (emails other nodes wrote, retries that have come
   * due). On shutdown it finishes the email it is sending and stops.
   */
  @Configuration(proxyBeanMethods = false)
  static class DispatchSchedule implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchSchedule.class);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(30);

    private final MailDispatcher dispatcher;
    private final Duration interval;
    private final Duration delay;
    private final boolean enabled;
    private final Semaphore work = new Semaphore(0);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private Thread thread;

    DispatchSchedule(MailDispatcher dispatcher, MailSettings settings,
        @Value("${permiso.mail.dispatcher-enabled:true}") boolean enabled) {
      this.dispatcher = dispatcher;
      this.interval = settings.dispatchInterval();
      this.delay = settings.dispatchDelay();
      this.enabled = enabled;
    }

    /** Off ({@code permiso.mail.dispatcher-enabled=false}) in tests that dispatch by hand. */
    @Override
    public boolean isAutoStartup() {
      return enabled;
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
