package mx.permiso.firm;

import java.util.ArrayList;
import java.util.List;
import mx.permiso.cases.Fees;
import mx.permiso.intake.IntakeValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** The firm's settings, and one warning at start naming those clients would miss. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FirmSettings.class)
public class FirmConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(FirmConfiguration.class);

  private final FirmSettings firm;
  private final Fees fees;

  public FirmConfiguration(FirmSettings firm, Fees fees) {
    this.firm = firm;
    this.fees = fees;
  }

  /** The settings that are not set, by their property names: clients read nothing in their place. */
  public List<String> unsetSettings() {
    List<String> unset = new ArrayList<>(firm.unset());
    unset.addAll(fees.unset(IntakeValidator.SCENARIOS));
    return unset;
  }

  @EventListener(ApplicationReadyEvent.class)
  void warnOfUnsetSettings() {
    List<String> unset = unsetSettings();
    if (!unset.isEmpty()) {
      LOG.warn("Not set, so client emails and the case page leave them out (a text set in one language only is shown "
          + "in both): {} (see docs/configuration.md)", String.join(", ", unset));
    }
  }
}
