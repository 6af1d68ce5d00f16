package io.labelstream.deploy;

import static io.labelstream.deploy.DeployManifestsTest.REPOSITORY;
import static io.labelstream.deploy.DeployManifestsTest.ofKind;
import static io.labelstream.deploy.DeployManifestsTest.workloads;
import static io.labelstream.deploy.DeployManifestsTest.render;
import static io.labelstream.deploy.Yamls.at;
import static io.labelstream.deploy.Yamls.id;
import static io.labelstream.deploy.Yamls.mapAt;
import static io.labelstream.deploy.Yamls.mapsAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests run exactly the images the build produces (deploy/images/pom.xml), each holding the service it
 * is named after, as the user the build sets; every service module gets an image; and the image build stays
 * out of the default build.
 */
class ImagesTest {

    private static ImageBuild build;

    static Stream<String> kustomizations() {
        return DeployManifestsTest.kustomizations();
    }

    @BeforeAll
    static void readImageBuild() throws Exception {
        build = ImageBuild.read(REPOSITORY);
    }

    @Test
    void theImageBuildRunsOnlyInItsProfile() {
        assertThat(build.profileModules()).as("modules of the 'images' profile").containsExactly("deploy/images");
        assertThat(build.defaultModules()).as("modules of the default build").doesNotContain("deploy/images");
    }

    @Test
    void everyImageHoldsTheServiceItIsNamedAfter() {
        assertThat(build.images()).isNotEmpty();
        for (ImageBuild.Image image : build.images()) {
            ImageReference reference = ImageReference.parse(image.reference());
            assertThat(image.module()).as("the packaged service in %s", image.reference()).isNotNull();
            assertThat(reference.repository()).as(image.reference()).endsWith("/" + image.module());
            assertThat(reference.tag()).as("tag of %s", image.reference()).isNotBlank().doesNotContain("${");
            assertThat(REPOSITORY.resolve(image.module()).resolve("pom.xml")).as(image.reference()).isRegularFile();
        }
    }

    @Test
    void everyServiceModuleHasAnImage() throws IOException {
        Set<String> services = new TreeSet<>();
        for (String module : build.defaultModules()) {
            Path pom = REPOSITORY.resolve(module).resolve("pom.xml");
            // a module packaged as a Quarkus application is a service, except the benchmarks, which are not deployed
            if (!module.startsWith("bench") && Files.readString(pom).contains("<artifactId>quarkus-maven-plugin</artifactId>")) {
                services.add(module);
            }
        }
        assertThat(services).isNotEmpty();
        Set<String> imaged = build.images().stream().map(ImageBuild.Image::module)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(imaged).containsExactlyElementsOf(services);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void manifestsRunExactlyTheBuiltImagesAsTheBuiltUser(String kustomization) {
        List<Map<String, Object>> resources = render(kustomization);
        Set<String> built = build.images().stream().map(ImageBuild.Image::reference).collect(Collectors.toSet());
        Set<String> registries = built.stream().map(r -> ImageReference.parse(r).repository())
                .map(r -> r.substring(0, r.lastIndexOf('/') + 1)).collect(Collectors.toSet());
        String[] user = build.user().split(":");
        List<String> violations = new ArrayList<>();
        Set<String> deployed = new TreeSet<>();
        for (Map<String, Object> workload : workloads(resources)) {
            Map<String, Object> pod = mapAt(workload, "spec", "template", "spec");
            for (Map<String, Object> container : containers(pod)) {
                String image = String.valueOf(container.get("image"));
                if (registries.stream().noneMatch(image::startsWith)) {
                    continue;
                }
                if (!built.contains(image)) {
                    violations.add(id(workload) + " runs " + image + ", which the image build does not produce "
                            + "(it builds " + new TreeSet<>(built) + ")");
                }
                if (workload.get("kind").equals("Deployment")) {
                    deployed.add(image);
                }
                Object runAsUser = Objects.requireNonNullElse(at(container, "securityContext", "runAsUser"),
                        at(pod, "securityContext", "runAsUser"));
                Object runAsGroup = Objects.requireNonNullElse(at(container, "securityContext", "runAsGroup"),
                        at(pod, "securityContext", "runAsGroup"));
                if (!user[0].equals(String.valueOf(runAsUser))
                        || user.length > 1 && !user[1].equals(String.valueOf(runAsGroup))) {
                    violations.add(id(workload) + " runs " + image + " as " + runAsUser + ":" + runAsGroup
                            + ", but the image is built for user " + build.user());
                }
            }
        }
        for (String image : new TreeSet<>(built)) {
            if (!deployed.contains(image)) {
                violations.add("the build produces " + image + ", which no Deployment runs");
            }
        }
        assertThat(violations).isEmpty();
    }


    private static List<Map<String, Object>> containers(Map<String, Object> pod) {
        List<Map<String, Object>> containers = new ArrayList<>(mapsAt(pod, "initContainers"));
        containers.addAll(mapsAt(pod, "containers"));
        return containers;
    }
}
