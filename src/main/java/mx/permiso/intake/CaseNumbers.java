package mx.permiso.intake;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands out case numbers {@code EXR-<year>-<sequence>}, the sequence restarting each year. The
 * counter row is locked by the update until the intake commits, so two nodes never hand out the
 * same number, and a refused intake hands out none.
 */
@Repository
public class CaseNumbers {

  private final JdbcTemplate jdbc;

  public CaseNumbers(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public String next(int year) {
    if (jdbc.update("update case_number_counter set last_value = last_value + 1 where year = ?", year) == 0) {
      try {
        jdbc.update("insert into case_number_counter (year, last_value) values (?, 1)", year);
      } catch (DuplicateKeyException anotherNodeWasFirst) {
        jdbc.update("update case_number_counter set last_value = last_value + 1 where year = ?", year);
      }
    }
    Integer value = jdbc.queryForObject("select last_value from case_number_counter where year = ?", Integer.class, year);
    return String.format("EXR-%d-%04d", year, value);
  }
}
