package mx.permiso;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;

/**
 * The engine boundary ADR 004 promises, checked on the compiled main classes (not on the bean definitions
 * the build writes for the packaged application, ADR 016, which name every bean's class).
 */
@AnalyzeClasses(packages = "mx.permiso",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NotWrittenByTheBuild.class})
class ArchitectureTest {

  /**
   * Leaves out the classes ahead-of-time processing writes: bean definitions ({@code PermisoApplication__BeanDefinitions},
   * ...) and the proxies of transactional services ({@code CaseNotes$$SpringCGLIB$$0}).
   */
  static class NotWrittenByTheBuild implements ImportOption {
    private static final Pattern WRITTEN = Pattern.compile(".*/[^/]*(__|\\$\\$SpringCGLIB\\$\\$)[^/]*\\.class");

    @Override
    public boolean includes(Location location) {
      return !location.matches(WRITTEN);
    }
  }

  static final String ENGINE = "mx.permiso.engine..";

  /**
   * Set-up classes, not Spring services, that name Camunda types outside the engine package:
   * the security chain that puts the engine's REST API and web apps behind Permiso's logins
   * ({@code SecurityConfiguration}, {@code EngineRestIdentityFilter}, which tells the engine who
   * calls its REST API), and the staff API's answer (409) to the engine's optimistic locking
   * exception ({@code StaffActionAdvice}).
   */
  static final Set<String> ENGINE_SET_UP = Set.of(
      "mx.permiso.security.SecurityConfiguration",
      "mx.permiso.security.EngineRestIdentityFilter",
      "mx.permiso.cases.StaffActionAdvice");

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("mx.permiso.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule engineInternalsOnlyInEnginePackage =
      noClasses()
          .that()
          .resideOutsideOfPackage(ENGINE)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.camunda..impl..");

  @ArchTest
  static final ArchRule camundaOnlyInEngineDelegatesListenersAndSetUp =
      classes()
          .that()
          .resideOutsideOfPackage(ENGINE)
          .and()
          .doNotImplement(JavaDelegate.class)
          .and()
          .doNotImplement(ExecutionListener.class)
          .and()
          .doNotImplement(TaskListener.class)
          .and(notNamedIn(ENGINE_SET_UP))
          .and(notPermisoServices())
          .should(neitherUseNorCatch("org.camunda."));

  @ArchTest
  static final ArchRule controllersCallPermisoServicesNotTheEngine =
      noClasses()
          .that()
          .areAnnotatedWith(Controller.class)
          .or()
          .areAnnotatedWith(RestController.class)
          .should()
          .dependOnClassesThat()
          .haveNameMatching("org\\.camunda\\.bpm\\.engine\\.[A-Za-z]*Service");

  /**
   * Permiso's services: Spring beans ({@code @Service}, {@code @Component}, {@code @Repository})
   * that are not web controllers, advice or configuration, and the types nested in them. They are
   * what controllers call, and they call the engine's public API (the rule above keeps its
   * internals out).
   */
  private static DescribedPredicate<JavaClass> notPermisoServices() {
    return DescribedPredicate.describe("are not Permiso services (or nested in one)",
        javaClass -> !isService(topLevel(javaClass)));
  }

  private static boolean isService(JavaClass javaClass) {
    return javaClass.isMetaAnnotatedWith(Component.class)
        && !javaClass.isMetaAnnotatedWith(Controller.class)
        && !javaClass.isMetaAnnotatedWith(ControllerAdvice.class)
        && !javaClass.isMetaAnnotatedWith(Configuration.class);
  }

  private static JavaClass topLevel(JavaClass javaClass) {
    JavaClass outer = javaClass;
    while (outer.getEnclosingClass().isPresent()) {
      outer = outer.getEnclosingClass().get();
    }
    return outer;
  }

  /**
   * Neither depends on a class whose name starts with {@code prefix} nor catches one: ArchUnit's
   * dependencies leave out the exception types of {@code catch} clauses, which are as much a tie
   * to the engine as a call.
   */
  private static ArchCondition<JavaClass> neitherUseNorCatch(String prefix) {
    return new ArchCondition<>("neither depend on nor catch classes in " + prefix + ".") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        javaClass.getDirectDependenciesFromSelf().stream()
            .filter(dependency -> dependency.getTargetClass().getName().startsWith(prefix))
            .forEach(dependency -> events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription())));
        javaClass.getCodeUnits().forEach(codeUnit -> codeUnit.getTryCatchBlocks().forEach(block ->
            block.getCaughtThrowables().stream()
                .filter(caught -> caught.getName().startsWith(prefix))
                .forEach(caught -> events.add(SimpleConditionEvent.violated(block,
                    codeUnit.getFullName() + " catches " + caught.getName() + " in " + block.getSourceCodeLocation())))));
      }
    };
  }

  private static DescribedPredicate<JavaClass> notNamedIn(Set<String> names) {
    return DescribedPredicate.describe(
        "are not one of the named set-up classes " + names,
        javaClass -> !names.contains(javaClass.getName()));
  }
}
