package mx.permiso.intake;

/**
 * What a client sends to start a case, from the intake page or the firm's website. Everything
 * arrives as text and is checked by {@link IntakeValidator}, so a bad value gets a message about
 * that field rather than a parse error.
 */
public record IntakeRequest(
    String clientName,
    String clientEmail,
    String phone,
    String language,
    String scenario,
    String nut,
    String numeroPieza,
    String inmOffice,
    String departureDate,
    String plannedReturnDate,
    String emergencyReason,
    Boolean acceptTerms,
    Boolean acceptPrivacy) {
}
