package mx.permiso.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fees sentence of the acknowledgement, the payment reminder and the case page, in both languages. */
class FeeWordingTest {

  @Test
  void thisYearsINMFigureIsQuotedForThisYear() {
    assertThat(FeeWording.sentence(3500, 540, 2026, 2026, "en"))
        .isEqualTo("Our fee is MXN 3,500; INM's own fee is MXN 540 this year.");
    assertThat(FeeWording.sentence(3500, 540, 2026, 2026, "es"))
        .isEqualTo("Nuestros honorarios son de MXN 3,500; el derecho del INM es de MXN 540 este año.");
  }

  @Test
  void anEarlierYearsINMFigureIsAnEstimateWithItsYear() {
    assertThat(FeeWording.sentence(5000, 522, 2023, 2026, "en"))
        .isEqualTo("Our fee is MXN 5,000; INM's own fee is about MXN 522 (INM's 2023 figure; INM may charge more).");
    assertThat(FeeWording.sentence(5000, 522, 2023, 2026, "es")).isEqualTo("Nuestros honorarios son de MXN 5,000; "
        + "el derecho del INM es de aproximadamente MXN 522 (cifra del INM de 2023; el INM puede cobrar más).");
  }

  @Test
  void anUnsetFirmFeeIsNeverAFigureTheFirmWillConfirmIt() {
    assertThat(FeeWording.sentence(null, 540, 2026, 2026, "en"))
        .isEqualTo("We will confirm our fee with you; INM's own fee is MXN 540 this year.");
    assertThat(FeeWording.sentence(null, 522, 2023, 2026, "es")).isEqualTo("Le confirmaremos el monto de nuestros "
        + "honorarios; el derecho del INM es de aproximadamente MXN 522 (cifra del INM de 2023; el INM puede cobrar más).");
  }

  @Test
  void aCaseThatDidNotRecordTheFiguresYearGetsAnEstimate() {
    assertThat(FeeWording.sentence(null, 522, null, 2026, "en"))
        .isEqualTo("We will confirm our fee with you; INM's own fee is about MXN 522 (INM may charge more).");
  }

  @Test
  void theFirmsFeeIsLookedUpPerScenarioAndAnUnsetOneIsNamed() {
    Fees fees = new Fees(Map.of(2020, 437, 2023, 522), Map.of("CANJE_PENDING", 3500, "emergency", 5000, "FAMILYUNITY", 0));
    assertThat(fees.firmFor("CANJE_PENDING")).isEqualTo(3500);
    assertThat(fees.firmFor("EMERGENCY")).isEqualTo(5000);
    assertThat(fees.firmFor("FAMILY_UNITY")).as("zero is not a fee").isNull();
    assertThat(fees.unset(java.util.List.of("CANJE_PENDING", "FAMILY_UNITY", "EMERGENCY")))
        .containsExactly("permiso.fees.firm-mxn-by-scenario.FAMILY_UNITY");
    assertThat(fees.inmFor(2026)).isEqualTo(new Fees.InmFee(522, 2023));
    assertThat(fees.inmFor(2022)).isEqualTo(new Fees.InmFee(437, 2020));
  }
}
