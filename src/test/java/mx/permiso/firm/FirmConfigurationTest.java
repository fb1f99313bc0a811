package mx.permiso.firm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import mx.permiso.cases.Fees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The start-up warning names every firm setting clients would miss, and is silent when all are set. */
@ExtendWith(OutputCaptureExtension.class)
class FirmConfigurationTest {

  private static final Fees NO_FIRM_FEES = new Fees(Map.of(2023, 522), null);

  @Test
  void theWarningNamesEverySettingLeftUnset(CapturedOutput output) {
    FirmSettings firm = new FirmSettings(" ", null, Map.of("en", "Monday to Friday"), Map.of());

    new FirmConfiguration(firm, NO_FIRM_FEES).warnOfUnsetSettings();

    assertThat(output.getOut().lines().filter(line -> line.contains("WARN") && line.contains("Not set"))).singleElement()
        .asString().contains("permiso.firm.phone", "permiso.firm.email", "permiso.firm.office-hours.es",
            "permiso.firm.payment-instructions.en", "permiso.firm.payment-instructions.es",
            "permiso.fees.firm-mxn-by-scenario.CANJE_PENDING", "permiso.fees.firm-mxn-by-scenario.EMERGENCY")
        .doesNotContain("office-hours.en");
  }

  @Test
  void nothingIsSaidWhenEverythingIsSet(CapturedOutput output) {
    FirmSettings firm = new FirmSettings("+52 442 555 0100", "permisos@despacho.example",
        Map.of("en", "Monday to Friday", "es", "de lunes a viernes"), Map.of("en", "CLABE 1", "es", "CLABE 1"));
    Fees fees = new Fees(Map.of(2023, 522), Map.of("CANJE_PENDING", 3500, "FAMILY_UNITY", 3500, "EMERGENCY", 5000));

    new FirmConfiguration(firm, fees).warnOfUnsetSettings();

    assertThat(output.getOut()).doesNotContain("Not set");
  }

  @Test
  void aTextSetInOneLanguageServesBoth() {
    FirmSettings firm = new FirmSettings(null, null, Map.of("es", "de lunes a viernes"), Map.of("en", "CLABE 1"));
    assertThat(firm.officeHours("en")).isEqualTo("de lunes a viernes");
    assertThat(firm.paymentInstructions("es")).isEqualTo("CLABE 1");
    assertThat(new FirmSettings(null, null, null, null).paymentInstructions("es")).isNull();
  }
}
