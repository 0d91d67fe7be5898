package com.example.posts.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Jenkinsfile's rules, whatever its layout: release steps run only on the release branches and under the
 * lock; a release backs up its target's database before it deploys; no build parameter carries a credential
 * or a target; the workspace is cleaned last, after the failure notice. Each rule is also run against copies of
 * the file that break it, and one reformatted copy that does not.
 */
@IndependentOfTestDatabase
class JenkinsfileShapeTest {
    private static final Set<String> RELEASE_BRANCHES = Set.of("master", "main");
    /** The scripts that publish or deploy; every other step may run on any branch. */
    private static final List<String> RELEASE_SCRIPTS = List.of("ci/registry-login.sh", "ci/push-images.sh",
            "ci/deploy-compose.sh", "ci/deploy-tomcat.sh", "ops/backup.sh");
    /** Each deploy script, and the backup of that target's database which must come before it. */
    private static final List<List<String>> BACKUP_BEFORE_DEPLOY = List.of(
            List.of("ci/deploy-compose.sh", "ops/backup.sh --compose"),
            List.of("ci/deploy-tomcat.sh", "ops/backup.sh --if-present \"$BACKUP_DIR\""));
    private static final Set<String> CREDENTIAL_PARAMETERS = Set.of("credentials", "password");
    private static final Set<String> WORKSPACE_CLEANING = Set.of("cleanWs", "deleteDir");
    private static String jenkinsfile;

    @BeforeAll
    static void read() throws IOException {
        jenkinsfile = Files.readString(Path.of("Jenkinsfile"));
    }

    @Test
    void jenkinsfileKeepsEveryRule() {
        assertEquals(List.of(), violations(jenkinsfile));
    }

    @Test
    void reformattingOrReorderingWithoutBreakingARuleKeepsEveryRule() {
        String reformatted = change(jenkinsfile,
                text -> swap(text, "        stage('Build and test') {", "        stage('Images') {"),
                text -> swap(text, "        failure {", "        cleanup {"),
                text -> text.replace("branch 'master'\n", "/* the old name */ branch 'master'; "),
                text -> text.replaceAll("(?m)^\\s*//.*\\n", ""),
                text -> text.replaceAll("(?m)^ +", "  "));

        assertFalse(reformatted.equals(jenkinsfile));
        assertEquals(List.of(), violations(reformatted));
    }

    @Test
    void releaseStepOutsideTheGatedStageIsCaught() {
        String deployOnEveryBranch = jenkinsfile.replace("sh 'ci/compose-smoke.sh'",
                "sh 'ci/compose-smoke.sh'\nsh 'ci/deploy-compose.sh \"$SHORT_COMMIT\" \"$PUBLIC_URL\"'");

        assertViolation(deployOnEveryBranch, "not gated to the release branches");
        assertViolation(deployOnEveryBranch, "runs under no lock");
    }

    @Test
    void gateThatAdmitsAnotherBranchIsCaught() {
        assertViolation(jenkinsfile.replace("branch 'main'", "branch 'feature/*'"), "not gated");
        assertViolation(jenkinsfile.replace("branch 'main'", "branch 'main'\nexpression { true }"), "not gated");
        assertViolation(jenkinsfile.replace("branch 'main'", "not { branch 'main' }"), "not gated");
    }

    @Test
    void releaseWithoutTheLockIsCaught() {
        assertViolation(jenkinsfile.replace("lock(resource: 'posts-service-deploy')", "retry(1)"), "no lock");
    }

    @Test
    void deployWithoutABackupBeforeItIsCaught() {
        String backupStage = jenkinsfile.substring(jenkinsfile.indexOf("                stage('Back up the database')"),
                jenkinsfile.indexOf("                stage('Deploy')"));
        String deployStage = jenkinsfile.substring(jenkinsfile.indexOf("                stage('Deploy')"),
                jenkinsfile.indexOf("                stage('Mark latest')"));

        assertViolation(jenkinsfile.replace(backupStage, ""), "before a backup");
        assertViolation(jenkinsfile.replace(backupStage + deployStage, deployStage + backupStage), "before a backup");
        assertViolation(jenkinsfile.replace("sh 'ops/backup.sh --compose --if-present \"$BACKUP_DIR\"'",
                        "echo 'no backup'"),
                "ci/deploy-compose.sh before a backup");
    }

    @Test
    void credentialOrTargetAsABuildParameterIsCaught() {
        assertViolation(withParameter("credentials(name: 'MANAGER', credentialType: 'Username with password')"),
                "credential parameter");
        assertViolation(withParameter("password(name: 'MANAGER_PASSWORD', defaultValue: '')"), "credential parameter");
        assertViolation(withParameter("string(name: 'TOMCAT_SERVERS', defaultValue: '')"), "target parameter");
        assertViolation(jenkinsfile.replace("credentialsId: 'posts-tomcat-manager'", "credentialsId: params.MANAGER"),
                "reads a build parameter");
        assertViolation(jenkinsfile.replace("PUBLIC_URL = 'https://posts.example.com'", "PUBLIC_URL = params.URL"),
                "reads a build parameter");
        assertEquals(List.of(), violations(withParameter("booleanParam(name: 'VERBOSE', defaultValue: false)")),
                "a parameter that is neither a credential nor a target is allowed");
    }

    @Test
    void workspaceCleanedBeforeTheEndIsCaught() {
        assertViolation(jenkinsfile.replace("cleanWs()", "echo 'kept'"), "no post { cleanup }");
        assertViolation(jenkinsfile.replace("sh 'ci/remove-ci-containers.sh'",
                        "sh 'ci/remove-ci-containers.sh'\ncleanWs()"),
                "cleans the workspace outside post { cleanup }");
        assertViolation(jenkinsfile.replace("sh 'ci/build.sh'", "sh 'ci/build.sh'\ndeleteDir()"),
                "cleans the workspace outside post { cleanup }");
    }

    @Test
    void failureNoticeOutsidePostFailureIsCaught() {
        String noticeAtCleanup = jenkinsfile.replace("        failure {", "        changed {")
                .replace("            cleanWs()", "            cleanWs()\n            sh 'ci/notify-failure.sh \"x\"'");

        assertViolation(jenkinsfile.replace("        failure {", "        fixed {"), "no failure notice");
        assertViolation(noticeAtCleanup, "the failure notice");
    }

    private static List<String> violations(String text) {
        GroovyBlock file = GroovyBlock.parse(text);
        List<String> violations = new ArrayList<>();
        violations.addAll(releaseGateViolations(file));
        violations.addAll(backupViolations(file));
        violations.addAll(parameterViolations(file));
        violations.addAll(postViolations(file));
        return violations;
    }

    /** Each release step sits in a stage gated to the release branches, under one lock for all of them. */
    private static List<String> releaseGateViolations(GroovyBlock file) {
        List<String> violations = new ArrayList<>();
        List<List<GroovyBlock>> releaseSteps = new ArrayList<>();
        collectReleaseSteps(file, new ArrayDeque<>(), releaseSteps);
        if (releaseSteps.isEmpty()) {
            violations.add("no release step (" + RELEASE_SCRIPTS + ") found");
        }
        List<String> locks = new ArrayList<>();
        for (List<GroovyBlock> enclosing : releaseSteps) {
            String step = enclosing.get(enclosing.size() - 1).statements().stream()
                    .filter(JenkinsfileShapeTest::isReleaseStep).findFirst().orElseThrow();
            List<GroovyBlock> stages = enclosing.stream().filter(block -> block.name().equals("stage")).toList();
            if (stages.stream().flatMap(stage -> stage.blocks("when").stream())
                    .noneMatch(JenkinsfileShapeTest::restricts)) {
                violations.add(step + ": not gated to the release branches " + RELEASE_BRANCHES);
            }
            List<String> lock = enclosing.stream().flatMap(JenkinsfileShapeTest::locksOf).toList();
            if (lock.isEmpty()) {
                violations.add(step + ": runs under no lock");
            }
            locks.addAll(lock);
        }
        if (locks.stream().distinct().count() > 1) {
            violations.add("the release steps take different locks: " + locks.stream().distinct().toList());
        }
        return violations;
    }

    /** For each target, a stage that backs its database up comes before the stage that deploys to it. */
    private static List<String> backupViolations(GroovyBlock file) {
        List<GroovyBlock> stages = file.all().filter(block -> block.name().equals("stage"))
                .filter(stage -> stage.all().filter(inner -> inner.name().equals("stage")).count() == 1).toList();
        List<String> violations = new ArrayList<>();
        for (List<String> pair : BACKUP_BEFORE_DEPLOY) {
            int deploy = firstStageRunning(stages, pair.get(0));
            int backup = firstStageRunning(stages, pair.get(1));
            if (deploy >= 0 && (backup < 0 || backup > deploy)) {
                violations.add(pair.get(0) + " before a backup of its database (" + pair.get(1) + ")");
            }
        }
        return violations;
    }

    private static int firstStageRunning(List<GroovyBlock> stages, String command) {
        for (int i = 0; i < stages.size(); i++) {
            boolean runs = stages.get(i).allStatements()
                    .filter(statement -> GroovyBlock.nameOf(statement).equals("sh"))
                    .flatMap(statement -> GroovyBlock.strings(statement).stream())
                    .anyMatch(text -> text.contains(command));
            if (runs) {
                return i;
            }
        }
        return -1;
    }

    /** For each block holding a release step: the blocks enclosing it, outermost first, itself last. */
    private static void collectReleaseSteps(GroovyBlock block, Deque<GroovyBlock> enclosing,
                                            List<List<GroovyBlock>> found) {
        enclosing.addLast(block);
        if (block.statements().stream().anyMatch(JenkinsfileShapeTest::isReleaseStep)) {
            found.add(List.copyOf(enclosing));
        }
        block.blocks().forEach(inner -> collectReleaseSteps(inner, enclosing, found));
        enclosing.removeLast();
    }

    private static boolean isReleaseStep(String statement) {
        return GroovyBlock.nameOf(statement).equals("sh")
                && GroovyBlock.strings(statement).stream()
                        .anyMatch(command -> RELEASE_SCRIPTS.stream().anyMatch(command::contains));
    }

    /** Whether a when { } (all of its conditions must hold) admits only release branches. */
    private static boolean restricts(GroovyBlock allOf) {
        return conditions(allOf).anyMatch(JenkinsfileShapeTest::restricts);
    }

    private static boolean restricts(Object condition) {
        if (condition instanceof String statement) {
            List<String> names = GroovyBlock.strings(statement).stream()
                    .filter(text -> !text.equals("EQUALS")).toList();
            return GroovyBlock.nameOf(statement).equals("branch") && names.size() == 1
                    && RELEASE_BRANCHES.contains(names.get(0));
        }
        GroovyBlock block = (GroovyBlock) condition;
        return switch (block.name()) {
            case "allOf" -> restricts(block);
            case "anyOf" -> conditions(block).findAny().isPresent()
                    && conditions(block).allMatch(JenkinsfileShapeTest::restricts);
            default -> false;
        };
    }

    /** A block's conditions: its statements (but the before* flags, which change when, not what) and its blocks. */
    private static Stream<Object> conditions(GroovyBlock block) {
        return Stream.concat(block.statements().stream()
                        .filter(statement -> !GroovyBlock.nameOf(statement).startsWith("before")),
                block.blocks().stream());
    }

    /** The resources a block locks: options { lock(...) } of a stage, or a lock(...) { } step around others. */
    private static Stream<String> locksOf(GroovyBlock block) {
        if (block.name().equals("lock")) {
            return GroovyBlock.strings(block.arguments()).stream().limit(1);
        }
        return block.blocks("options").stream().flatMap(options -> options.statements().stream())
                .filter(option -> GroovyBlock.nameOf(option).equals("lock"))
                .flatMap(option -> GroovyBlock.strings(option).stream().limit(1));
    }

    /**
     * No parameter of a credential type, none named like a setting of the environment block (a target), and
     * neither the environment nor a credential binding reads params: targets and credential ids are fixed here.
     */
    private static List<String> parameterViolations(GroovyBlock file) {
        List<String> violations = new ArrayList<>();
        List<String> environment = file.all().filter(block -> block.name().equals("environment"))
                .flatMap(block -> block.statements().stream()).toList();
        List<String> targets = environment.stream().map(GroovyBlock::nameOf).toList();
        file.all().filter(block -> block.name().equals("parameters")).flatMap(block -> block.statements().stream())
                .forEach(parameter -> {
                    String name = GroovyBlock.strings(parameter).stream().findFirst().orElse("");
                    if (CREDENTIAL_PARAMETERS.contains(GroovyBlock.nameOf(parameter))) {
                        violations.add("a credential parameter: " + parameter);
                    } else if (targets.contains(name)) {
                        violations.add("a target parameter: " + parameter);
                    }
                });
        Stream<String> bindings = file.all()
                .filter(block -> Set.of("withCredentials", "sshagent").contains(block.name()))
                .map(GroovyBlock::arguments);
        Stream.concat(environment.stream(), bindings)
                .filter(code -> code.matches("(?s).*\\bparams\\b.*"))
                .forEach(code -> violations.add("a target or a credential reads a build parameter: " + code));
        return violations;
    }

    /** post { cleanup } of the pipeline cleans the workspace, nothing else does; post { failure } sends the notice. */
    private static List<String> postViolations(GroovyBlock file) {
        List<String> violations = new ArrayList<>();
        GroovyBlock pipeline = file.blocks("pipeline").stream().findFirst()
                .orElseThrow(() -> new AssertionError("no pipeline { }"));
        List<GroovyBlock> post = pipeline.blocks("post");
        List<GroovyBlock> cleanup = post.stream().flatMap(block -> block.blocks("cleanup").stream()).toList();
        if (cleanup.stream().flatMap(GroovyBlock::allStatements).noneMatch(JenkinsfileShapeTest::cleansWorkspace)) {
            violations.add("no post { cleanup } that cleans the workspace");
        }
        long cleanings = pipeline.allStatements().filter(JenkinsfileShapeTest::cleansWorkspace).count();
        long atCleanup = cleanup.stream().flatMap(GroovyBlock::allStatements)
                .filter(JenkinsfileShapeTest::cleansWorkspace).count();
        if (cleanings > atCleanup) {
            violations.add("cleans the workspace outside post { cleanup }, before the failure notice can run");
        }
        List<GroovyBlock> failure = post.stream().flatMap(block -> block.blocks("failure").stream()).toList();
        if (failure.stream().flatMap(GroovyBlock::allStatements).noneMatch(JenkinsfileShapeTest::notifiesFailure)) {
            violations.add("no failure notice (ci/notify-failure.sh) in post { failure }");
        }
        if (cleanup.stream().flatMap(GroovyBlock::allStatements).anyMatch(JenkinsfileShapeTest::notifiesFailure)) {
            violations.add("the failure notice in post { cleanup }, after the workspace is gone");
        }
        return violations;
    }

    private static boolean cleansWorkspace(String statement) {
        return WORKSPACE_CLEANING.contains(GroovyBlock.nameOf(statement));
    }

    private static boolean notifiesFailure(String statement) {
        return GroovyBlock.nameOf(statement).equals("sh")
                && GroovyBlock.strings(statement).stream()
                        .anyMatch(command -> command.startsWith("ci/notify-failure.sh"));
    }

    private static void assertViolation(String text, String expected) {
        assertFalse(text.equals(jenkinsfile), "the copy does not differ from the Jenkinsfile");
        List<String> violations = violations(text);
        assertTrue(violations.stream().anyMatch(violation -> violation.contains(expected)),
                "expected a violation saying \"" + expected + "\", got " + violations);
    }

    private static String withParameter(String parameter) {
        return jenkinsfile.replace("    environment {",
                "    parameters {\n        " + parameter + "\n    }\n\n    environment {");
    }

    /** Swaps the blocks that start at two lines (each up to the line that closes it at the same indentation). */
    private static String swap(String text, String first, String second) {
        String one = blockAt(text, first);
        String two = blockAt(text, second);
        return text.replace(one, "\u0000").replace(two, one).replace("\u0000", two);
    }

    private static String blockAt(String text, String opening) {
        int start = text.indexOf(opening);
        assertTrue(start >= 0, opening);
        String indent = opening.substring(0, opening.length() - opening.stripLeading().length());
        int end = text.indexOf("\n" + indent + "}", start) + indent.length() + 2;
        return text.substring(start, end);
    }

    @SafeVarargs
    private static String change(String text, UnaryOperator<String>... changes) {
        for (UnaryOperator<String> change : changes) {
            text = change.apply(text);
        }
        return text;
    }
}
