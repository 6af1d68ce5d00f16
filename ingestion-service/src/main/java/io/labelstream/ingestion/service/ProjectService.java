package io.labelstream.ingestion.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.CalibrationOverride;
import io.labelstream.contracts.project.Guidelines;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.contracts.project.ProjectState;
import io.labelstream.ingestion.domain.CalibrationGate;
import io.labelstream.ingestion.domain.PolicyValidator;
import io.labelstream.ingestion.domain.ProjectLimits;
import io.labelstream.ingestion.domain.SchemaValidator;
import io.labelstream.ingestion.domain.Violation;
import io.labelstream.ingestion.repository.CalibrationVerdictRepository;
import io.labelstream.ingestion.repository.ItemRepository;
import io.labelstream.ingestion.repository.ProjectRepository;
import io.labelstream.platform.outbox.Outbox;
import io.labelstream.platform.problem.Problem;
import io.labelstream.platform.problem.ProblemException;
import io.labelstream.platform.project.ProjectDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Defines and changes projects. Every change is stored, applied to this service's project directory and
 * queued on labeling.projects in one transaction, carrying the whole project with the next revision.
 */
@ApplicationScoped
public class ProjectService {

    private static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_OVERRIDE_LENGTH = 2000;

    private final ProjectRepository projects;
    private final ItemRepository items;
    private final CalibrationVerdictRepository verdicts;
    private final ProjectDirectory directory;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public ProjectService(ProjectRepository projects, ItemRepository items, CalibrationVerdictRepository verdicts,
                          ProjectDirectory directory, Outbox outbox) {
        this.projects = projects;
        this.items = items;
        this.verdicts = verdicts;
        this.directory = directory;
        this.outbox = outbox;
    }

    @Transactional
    public ProjectEvent create(String creator, ProjectDraft draft) {
        List<Violation> violations = new ArrayList<>();
        checkName(draft.name(), violations);
        violations.addAll(SchemaValidator.validate(draft.schema()));
        ProjectPolicies policies = mergePolicies(ProjectPolicies.defaults(), draft.policies(), violations);
        List<ProjectMember> members = members(draft.members(), violations);
        violations.addAll(ProjectLimits.check(draft.description(), draft.schema(), draft.guidelines(), draft.members()));
        refuseIfAny(violations);
        if (members.stream().noneMatch(m -> m.userId().equals(creator) && m.role() == ProjectRole.MANAGER)) {
            members.add(0, new ProjectMember(creator, ProjectRole.MANAGER, false));
        }
        ProjectEvent project = new ProjectEvent(UUID.randomUUID(), draft.name().strip(), draft.description(),
                ProjectState.DRAFT, 1, 1, draft.schema(), guidelines(draft.guidelines(), 1), policies,
                List.copyOf(members), Instant.now(clock), true);
        projects.insert(project, creator);
        projects.insertVersion(project, creator);
        publish(project);
        return project;
    }

    @Transactional
    public ProjectEvent update(String caller, UUID projectId, ProjectChanges changes) {
        ProjectEvent current = lockChangeable(projectId);
        if (changes.expectedRevision() != null && changes.expectedRevision() != current.revision()) {
            throw ProblemException.conflict("project " + projectId + " is at revision " + current.revision()
                    + ", not " + changes.expectedRevision() + "; reload it and apply your change again");
        }
        List<Violation> violations = new ArrayList<>();
        String name = current.name();
        if (changes.name() != null) {
            checkName(changes.name(), violations);
            name = changes.name().strip();
        }
        LabelingSchema schema = current.schema();
        if (changes.schema() != null) {
            violations.addAll(SchemaValidator.validate(changes.schema()));
            schema = changes.schema();
        }
        ProjectPolicies policies = mergePolicies(current.policies(), changes.policies(), violations);
        List<ProjectMember> members = changes.members() == null ? current.members() : members(changes.members(), violations);
        violations.addAll(ProjectLimits.check(changes.description(), changes.schema(), changes.guidelines(),
                changes.members()));
        if (members.stream().noneMatch(m -> m.role() == ProjectRole.MANAGER)) {
            violations.add(new Violation("members", "a project needs at least one manager"));
        }
        refuseIfAny(violations);
        if (schema.taskType() != current.schema().taskType() && items.hasItems(projectId)) {
            throw ProblemException.conflict("the task type cannot change once the project has items");
        }
        Guidelines guidelines = current.guidelines();
        if (changes.guidelines() != null && !sameGuidelines(current.guidelines(), changes.guidelines())) {
            int version = current.guidelines() == null ? 1 : current.guidelines().version() + 1;
            guidelines = guidelines(changes.guidelines(), version);
        }
        boolean schemaChanged = !schema.equals(current.schema()) || guidelines != current.guidelines();
        String description = changes.description() == null ? current.description() : changes.description();
        ProjectEvent next = new ProjectEvent(projectId, name, description, current.state(),
                schemaChanged ? current.schemaVersion() + 1 : current.schemaVersion(), current.revision() + 1,
                schema, guidelines, policies, List.copyOf(members), Instant.now(clock), false,
                current.calibrationOverride());
        if (sameContent(current, next)) {
            return current;
        }
        projects.update(next);
        if (schemaChanged) {
            projects.insertVersion(next, caller);
        }
        publish(next);
        return next;
    }

    /**
     * Moves the project to {@code target}. From PILOT to ACTIVE the pilot must have passed calibration under the
     * current guideline version, unless the caller gives an {@code override} reason, which is kept with the project.
     */
    @Transactional
    public ProjectEvent moveTo(String caller, UUID projectId, ProjectState target, String override) {
        if (target == null) {
            throw ProblemException.invalid("state", "is required");
        }
        ProjectEvent current = projects.lock(projectId)
                .orElseThrow(() -> ProblemException.notFound("project " + projectId));
        boolean leavesPilot = current.state() == ProjectState.PILOT && target == ProjectState.ACTIVE;
        if (override != null) {
            checkOverride(override, leavesPilot);
        }
        if (current.state() == target) {
            return current;
        }
        if (!current.state().canMoveTo(target)) {
            throw new ProblemException(409, "Transition refused", "a project in state " + current.state()
                    + " cannot move to " + target + "; allowed next states: " + current.state().allowedNext(),
                    List.of(new Problem.FieldError("state", "cannot move from " + current.state() + " to " + target)));
        }
        CalibrationOverride calibrationOverride = current.calibrationOverride();
        if (leavesPilot) {
            CalibrationGate.Judgement pilot = CalibrationGate.judge(current,
                    verdicts.find(projectId).orElse(null));
            if (CalibrationGate.guards(current, target) && !pilot.passed() && override == null) {
                throw new CalibrationNotPassed(pilot);
            }
            calibrationOverride = override == null ? null : new CalibrationOverride(override.strip(), caller,
                    Instant.now(clock), pilot.guidelineVersion(), pilot.measuredKappa(), pilot.targetKappa());
        }
        ProjectEvent next = new ProjectEvent(projectId, current.name(), current.description(), target,
                current.schemaVersion(), current.revision() + 1, current.schema(), current.guidelines(),
                current.policies(), current.members(), Instant.now(clock), false, calibrationOverride);
        projects.update(next);
        publish(next);
        return next;
    }

    public List<ProjectEvent> listFor(String userId) {
        return projects.listForMember(userId);
    }

    public List<ProjectRepository.SchemaVersion> versions(UUID projectId) {
        return projects.versions(projectId);
    }

    private ProjectEvent lockChangeable(UUID projectId) {
        ProjectEvent current = projects.lock(projectId)
                .orElseThrow(() -> ProblemException.notFound("project " + projectId));
        if (current.state() == ProjectState.COMPLETED) {
            throw ProblemException.conflict("project " + projectId + " is completed and can no longer change");
        }
        return current;
    }

    private void publish(ProjectEvent project) {
        directory.apply(project);
        outbox.publish(Topics.PROJECTS, project);
    }

    private static boolean sameContent(ProjectEvent a, ProjectEvent b) {
        return a.name().equals(b.name()) && Objects.equals(a.description(), b.description())
                && a.schema().equals(b.schema()) && a.guidelines() == b.guidelines()
                && a.policies().equals(b.policies()) && a.members().equals(b.members());
    }

    private static boolean sameGuidelines(Guidelines current, Guidelines proposed) {
        return current != null && Objects.equals(current.text(), proposed.text())
                && Objects.equals(tree(current.examples()), tree(proposed.examples()))
                && Objects.equals(current.edgeCases(), proposed.edgeCases());
    }

    private static JsonNode tree(Object value) {
        return EventCodec.mapper().valueToTree(value);
    }

    private static Guidelines guidelines(Guidelines given, int version) {
        if (given == null) {
            return new Guidelines(version, "", List.of(), List.of());
        }
        return new Guidelines(version, given.text() == null ? "" : given.text(),
                given.examples() == null ? List.of() : given.examples(),
                given.edgeCases() == null ? List.of() : given.edgeCases());
    }

    /** Applies the named policy values over {@code base}; a value of the wrong type names its field. */
    private static ProjectPolicies mergePolicies(ProjectPolicies base, JsonNode partial, List<Violation> violations) {
        if (partial == null || partial.isNull()) {
            return base;
        }
        if (!partial.isObject()) {
            violations.add(new Violation("policies", "must be an object"));
            return base;
        }
        ObjectNode merged = EventCodec.mapper().valueToTree(base);
        List<String> unknown = new ArrayList<>();
        partial.fieldNames().forEachRemaining(name -> {
            // a policy without a default (the learning object) is absent from the base but still known
            if (!merged.has(name) && java.util.Arrays.stream(ProjectPolicies.class.getRecordComponents())
                    .noneMatch(component -> component.getName().equals(name))) {
                unknown.add(name);
            }
        });
        unknown.forEach(name -> violations.add(new Violation("policies." + name, "is not a known policy")));
        merged.setAll((ObjectNode) partial);
        try {
            ProjectPolicies policies = EventCodec.mapper().treeToValue(merged, ProjectPolicies.class);
            violations.addAll(PolicyValidator.validate(policies));
            return policies;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            violations.add(new Violation("policies", "has a value of the wrong type: " + e.getMessage().lines().findFirst().orElse("")));
            return base;
        }
    }

    private static List<ProjectMember> members(List<ProjectMember> given, List<Violation> violations) {
        Map<String, ProjectMember> unique = new LinkedHashMap<>();
        if (given != null) {
            for (int i = 0; i < given.size(); i++) {
                ProjectMember member = given.get(i);
                if (member == null || member.userId() == null || member.userId().isBlank()) {
                    violations.add(new Violation("members[" + i + "].userId", "is required"));
                } else if (member.role() == null) {
                    violations.add(new Violation("members[" + i + "].role", "is required"));
                } else {
                    unique.put(member.userId() + "/" + member.role(), member);
                }
            }
        }
        return new ArrayList<>(unique.values());
    }

    private static void checkOverride(String override, boolean leavesPilot) {
        if (!leavesPilot) {
            throw ProblemException.invalid("override", "applies only to a move from PILOT to ACTIVE");
        }
        if (override.isBlank() || override.length() > MAX_OVERRIDE_LENGTH || override.indexOf('\0') >= 0) {
            throw ProblemException.invalid("override", "must be the reason, 1.." + MAX_OVERRIDE_LENGTH
                    + " characters without NUL");
        }
    }

    private static void checkName(String name, List<Violation> violations) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            violations.add(new Violation("name", "must be 1.." + MAX_NAME_LENGTH + " characters"));
        }
    }

    static void refuseIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.stream()
                    .map(v -> new Problem.FieldError(v.field(), v.reason())).toList());
        }
    }
}
