package mx.permiso.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mx.permiso.cases.AuditLog;
import mx.permiso.cases.FirmCancellationListener;
import mx.permiso.cases.NewTravelDatesDelegate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import java.util.stream.Stream;
import mx.permiso.cases.CaseNotices;
import mx.permiso.cases.ComputePermitReturnDueDelegate;
import mx.permiso.cases.ComputeReturnByDelegate;
import mx.permiso.cases.DetermineRequirementsDelegate;
import mx.permiso.documents.DocumentChecklistListener;
import mx.permiso.cases.Fees;
import mx.permiso.cases.RescheduleDeadlinesDelegate;
import mx.permiso.cases.SendNoticeDelegate;
import mx.permiso.engine.EngineClock;
import mx.permiso.config.ModelDeployment;
import mx.permiso.deadlines.CaseTimers;
import mx.permiso.deadlines.DeadlineSettings;
import mx.permiso.deadlines.Deadlines;
import mx.permiso.documents.PaperworkCorrections;
import mx.permiso.documents.StaffDocumentNames;
import mx.permiso.engine.JsonVariables;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A process engine for process tests: in-memory H2, no job executor (tests run jobs and timers
 * themselves), the real models from processes/ and forms/, the real delegates and the firm's
 * settings from application.yaml, and a recording notifier in place of email.
 */
public final class ProcessHarness implements AutoCloseable {

  public static final ZoneId MEXICO_CITY = ZoneId.of("America/Mexico_City");

  private final ProcessEngine engine;
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final Deadlines deadlines;
  private final AuditLog audit;

  public ProcessHarness() {
    StandardEnvironment environment = applicationYaml();
    Binder binder = Binder.get(environment);
    DeadlineSettings settings = binder.bind("permiso.deadlines", DeadlineSettings.class).get();
    Fees fees = binder.bind("permiso.fees", Fees.class).get();
    deadlines = new Deadlines(settings, new EngineClock(ZoneOffset.UTC), MEXICO_CITY);
    CaseNotices notices = new CaseNotices(notifier, deadlines);

    Map<Object, Object> beans = new HashMap<>();
    CaseTimers caseTimers = new CaseTimers(deadlines);
    beans.put("caseTimers", caseTimers);
    beans.put("sendNoticeDelegate", new SendNoticeDelegate(notices));
    StaffDocumentNames documentNames = new StaffDocumentNames(AppMessages.source());
    beans.put("determineRequirementsDelegate", new DetermineRequirementsDelegate(deadlines, fees, documentNames));
    beans.put("documentChecklistListener", new DocumentChecklistListener(documentNames));
    beans.put("computeReturnByDelegate", new ComputeReturnByDelegate(deadlines));
    beans.put("computePermitReturnDueDelegate", new ComputePermitReturnDueDelegate(deadlines));
    beans.put("paperworkCorrections", new PaperworkCorrections(new EngineClock(ZoneOffset.UTC)));
    RescheduleDeadlinesDelegate reschedule = new RescheduleDeadlinesDelegate(deadlines, notices, caseTimers);
    beans.put("rescheduleDeadlinesDelegate", reschedule);
    String jdbcUrl = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    audit = new AuditLog(auditTable(jdbcUrl), new EngineClock(ZoneOffset.UTC));
    beans.put("newTravelDatesDelegate", new NewTravelDatesDelegate(reschedule, audit));
    beans.put("firmCancellationListener", new FirmCancellationListener(audit));
    beans.put("freshAnswersListener", new mx.permiso.cases.FreshAnswersListener());
    // Documents live in the application's tables, which this engine does not have; the list is proved in CasePortalIT.
    beans.put("listUploadedDocumentsListener", (TaskListener) task -> task.setVariableLocal("uploadedDocuments", ""));

    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("process-test-" + UUID.randomUUID());
    configuration.setJdbcUrl(jdbcUrl);
    configuration.setJobExecutorActivate(false);
    configuration.setHistory("full");
    configuration.setJavaSerializationFormatEnabled(false);
    configuration.setBeans(beans);
    configuration.getProcessEnginePlugins().add(new JsonVariables());
    engine = configuration.buildProcessEngine();
    deployModels();
  }

  public ProcessEngine engine() {
    return engine;
  }

  public RecordingNotifier notifier() {
    return notifier;
  }

  /** What the case recorded in the application's audit log (the table lives beside the engine's). */
  public AuditLog audit() {
    return audit;
  }

  /** The application's audit table, in the engine's in-memory database. */
  private static JdbcTemplate auditTable(String jdbcUrl) {
    JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(jdbcUrl, "sa", ""));
    jdbc.execute("create table audit_event (id bigint generated by default as identity primary key, "
        + "occurred_at timestamp with time zone not null, actor varchar(128) not null, case_number varchar(32), "
        + "action varchar(64) not null, detail varchar(2000))");
    return jdbc;
  }

  public Deadlines deadlines() {
    return deadlines;
  }

  public void setClock(Instant now) {
    ClockUtil.setCurrentTime(Date.from(now));
  }

  public Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /**
   * Runs every job of the instance that falls due up to {@code until}, earliest first, moving the
   * clock just past each timer's due moment as the job executor would find it; the clock ends at
   * {@code until}.
   */
  public void runJobsUntil(String processInstanceId, Instant until) {
    for (int executed = 0; ; executed++) {
      if (executed > 500) {
        throw new IllegalStateException("More than 500 jobs: is a timer cycle running away?");
      }
      Job next = nextJob(processInstanceId);
      if (next == null) {
        break;
      }
      Instant due = next.getDuedate() == null ? now() : next.getDuedate().toInstant();
      if (due.isAfter(until)) {
        break;
      }
      if (due.isAfter(now())) {
        setClock(due.plusSeconds(1));
      }
      engine.getManagementService().executeJob(next.getId());
    }
    if (until.isAfter(now())) {
      setClock(until);
    }
  }

  /** Runs the jobs that are due now (async continuations, timers already due). */
  public void runDueJobs(String processInstanceId) {
    runJobsUntil(processInstanceId, now());
  }

  private Job nextJob(String processInstanceId) {
    List<Job> jobs = engine.getManagementService().createJobQuery()
        .processInstanceId(processInstanceId).executable().list();
    List<Job> timers = engine.getManagementService().createJobQuery()
        .processInstanceId(processInstanceId).timers().list();
    return Stream.concat(jobs.stream(), timers.stream())
        .filter(job -> job.getRetries() > 0)
        .min(Comparator.comparing(job -> job.getDuedate() == null ? Instant.MIN : job.getDuedate().toInstant()))
        .orElse(null);
  }

  private void deployModels() {
    // Exactly as the application deploys them.
    new ModelDeployment(new PathMatchingResourcePatternResolver()).engineBuilt(engine);
  }

  private static StandardEnvironment applicationYaml() {
    try {
      StandardEnvironment environment = new StandardEnvironment();
      new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))
          .forEach(source -> environment.getPropertySources().addLast(source));
      ConfigurationPropertySources.attach(environment);
      return environment;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    ClockUtil.reset();
    engine.close();
  }
}
