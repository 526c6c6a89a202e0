package dev.shutter.explore.model;

import dev.shutter.explore.candidate.RetrievalGeneration;
import dev.shutter.models.Ranker;
import dev.shutter.models.TwoTower;
import dev.shutter.rest.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API.md's "Models" operations, for ML engineers, on this service's own port only: the gateway
 * and the load balancer never route {@code /admin} (on Google Cloud it sits behind IAM). Loading
 * and checking block, so these run on worker threads.
 */
@Path("/admin/models")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ModelAdminResource {

    private final ActiveModels models;

    ModelAdminResource(ActiveModels models) {
        this.models = models;
    }

    @GET
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        Optional<RetrievalGeneration> retrieval = models.retrieval();
        Optional<RetrievalGeneration> previous = models.previousRetrieval();
        out.add(describe(TwoTower.ITEM_TOWER, retrieval.map(RetrievalGeneration::itemTower),
                previous.map(RetrievalGeneration::itemTower), ActiveModels.TOWERS));
        out.add(describe(TwoTower.USER_TOWER, retrieval.map(RetrievalGeneration::userTower),
                previous.map(RetrievalGeneration::userTower), ActiveModels.TOWERS));
        out.add(describe(Ranker.NAME, models.ranker(), models.previousRanker(), Ranker.NAME));
        return out;
    }

    @POST
    @Path("/{name}/versions/{version}/activate")
    public Response activate(@PathParam("name") String name, @PathParam("version") String version) {
        try {
            models.activate(name, version);
            return Response.accepted(Map.of("name", name, "version", version,
                    "state", name.equals(Ranker.NAME) ? "active" : "indexing")).build();
        } catch (UnknownVersionException e) {
            throw ProblemException.notFound(e.getMessage());
        } catch (ModelCheckException e) {
            throw ProblemException.invalid("version", e.getMessage());
        } catch (IOException e) {
            throw ProblemException.unavailable("the model store cannot be read: " + e.getMessage(), Duration.ofSeconds(5));
        }
    }

    @POST
    @Path("/{name}/rollback")
    public Map<String, Object> rollback(@PathParam("name") String name) {
        try {
            models.rollback(name);
        } catch (UnknownVersionException e) {
            throw ProblemException.notFound(e.getMessage());
        } catch (IllegalStateException e) {
            throw ProblemException.conflict(e.getMessage());
        }
        return list().stream().filter(model -> model.get("name").equals(name)).findFirst().orElseThrow();
    }

    private Map<String, Object> describe(String name, Optional<LoadedModel> active, Optional<LoadedModel> previous,
            String slot) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", name);
        model.put("active", active.map(ModelAdminResource::version).orElse(null));
        model.put("previous", previous.map(ModelAdminResource::version).orElse(null));
        CandidateState candidate = models.candidates().get(slot);
        model.put("candidates", candidate == null ? List.of() : List.of(candidate));
        return model;
    }

    private static Map<String, Object> version(LoadedModel loaded) {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("version", loaded.version());
        version.put("signature", loaded.manifest().manifest().get("signature"));
        version.put("loadedAt", loaded.loadedAt().toString());
        version.put("metrics", loaded.manifest().manifest().getOrDefault("metrics", Map.of()));
        return version;
    }
}
