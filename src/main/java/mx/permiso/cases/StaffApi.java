package mx.permiso.cases;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of staff actions on a case, whose refusals {@link StaffActionAdvice} answers;
 * a marker, so the advice need not know controllers in the packages above this one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StaffApi {
}
