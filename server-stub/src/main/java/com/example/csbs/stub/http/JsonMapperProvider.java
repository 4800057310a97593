package com.example.csbs.stub.http;

import com.example.csbs.stub.admin.model.RecordedRequest;
import com.example.csbs.stub.model.FailCode;
import com.example.csbs.stub.model.ListBackupPoliciesResponse;
import com.example.csbs.stub.model.ListBackupsResponse;
import com.example.csbs.stub.model.OperationDefinitionReq;
import com.example.csbs.stub.model.PolicyParamReq;
import com.example.csbs.stub.model.PolicyUpdate;
import com.example.csbs.stub.model.ProtectParam;
import com.example.csbs.stub.model.ProtectableParam;
import com.example.csbs.stub.model.QueryBackupsByTagsResponse;
import com.example.csbs.stub.model.QueryPoliciesByTagsResponse;
import com.example.csbs.stub.model.QuotaResources;
import com.example.csbs.stub.model.ResourceCapabilityRequest;
import com.example.csbs.stub.model.ResourceCapabilityResponse;
import com.example.csbs.stub.model.RestorableParam;
import com.example.csbs.stub.model.ScheduledOperationUpdate;
import com.example.csbs.stub.model.Trigger;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.ws.rs.ext.ContextResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/**
 * How the stub reads and writes JSON, as strictly as the spec's request schemas: a value of the
 * wrong JSON type is an error (no "true" for a boolean), so is a null array item, an ID that is not a
 * canonical UUID, and a repeated item of a uniqueItems array. An optional field the spec makes nullable
 * sent as null means the field left out, as the spec says (Go and Python clients send unset fields as
 * null); one it does not (an object by $ref, a field with an enum) sent as null is refused, and a
 * required field sent as null fails bean validation. Unknown fields are ignored, as clients of the real
 * service expect; in the bodies of the admin API they are refused.
 */
public final class JsonMapperProvider implements ContextResolver<ObjectMapper> {

    // One pair for every stub in the JVM: a mapper's configuration never changes, and what it learns of a
    // model's fields (its readers and writers) need not be learnt again by the next stub a test starts.
    private static final ObjectMapper MAPPER = refusingScalarsAsText(JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // The spec's integers take integers: 3.5 for max_backups is a wrong type, not 3.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .defaultSetterInfo(JsonSetter.Value.construct(Nulls.SET, Nulls.FAIL))
            .addModule(new SimpleModule("canonical-uuid").addDeserializer(UUID.class, new CanonicalUuidDeserializer()))
            .addModule(new UniqueItemsModule())
            // Getters and setters called through generated lambdas: reflection was a tenth of writing a page of backups.
            .addModule(new BlackbirdModule())
            // A backup that did not fail has the page's empty fail_code, {}, not {"Code": null, ...}.
            .addMixIn(FailCode.class, OmitNullFields.class)
            // Optional fields of an answer are left out rather than null: the paging links on a last page, the
            // capability list the request did not ask for, a quota's unit (only backup_capacity has one).
            .addMixIn(ListBackupsResponse.class, OmitNullFields.class)
            .addMixIn(ListBackupPoliciesResponse.class, OmitNullFields.class)
            .addMixIn(ResourceCapabilityResponse.class, OmitNullFields.class)
            .addMixIn(QuotaResources.class, OmitNullFields.class)
            // A count by tag answers total_count alone ("resources ... is not displayed if action is set to count").
            .addMixIn(QueryPoliciesByTagsResponse.class, OmitNullFields.class)
            .addMixIn(QueryBackupsByTagsResponse.class, OmitNullFields.class)
            // Exactly one of the two lists is present: a list sent as null is not "left out" here.
            .addMixIn(ResourceCapabilityRequest.class, NeitherListNull.class)
            // The optional fields the spec does not make nullable (objects given by $ref, fields with an enum):
            // null is a wrong value there, not the field left out. A policy's common must be an object.
            .addMixIn(PolicyUpdate.class, ParametersNotNull.class)
            .addMixIn(PolicyParamReq.class, CommonNotNull.class)
            .addMixIn(ScheduledOperationUpdate.class, DefinitionAndTriggerNotNull.class)
            .addMixIn(OperationDefinitionReq.class, ProviderIdNotNull.class)
            .addMixIn(ProtectParam.class, ResourceTypeNotNull.class)
            .build());

    // The admin API's bodies set the stub up: a misspelt field there is refused, not ignored. Its answers leave
    // out what is not set, but for the fields of a recorded request, which are null when the request had none.
    private static final ObjectMapper ADMIN_MAPPER = MAPPER.copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .addMixIn(RecordedRequest.class, KeepNullFields.class);

    /** The package of the admin API's generated models. */
    private static final String ADMIN_MODELS = "com.example.csbs.stub.admin.model";

    @JsonInclude(JsonInclude.Include.ALWAYS)
    private interface KeepNullFields {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private interface OmitNullFields {
    }

    private abstract static class NeitherListNull {
        @JsonSetter(nulls = Nulls.FAIL)
        List<ProtectableParam> checkProtectable;
        @JsonSetter(nulls = Nulls.FAIL)
        List<RestorableParam> checkRestorable;
    }

    private abstract static class ParametersNotNull {
        @JsonSetter(nulls = Nulls.FAIL)
        PolicyParamReq parameters;
    }

    // common_param is an object of no documented fields: generated as Object, which would take any JSON value.
    private abstract static class CommonNotNull {
        @JsonSetter(nulls = Nulls.FAIL)
        @JsonDeserialize(as = LinkedHashMap.class)
        Object common;
    }

    private abstract static class DefinitionAndTriggerNotNull {
        @JsonSetter(nulls = Nulls.FAIL)
        OperationDefinitionReq operationDefinition;
        @JsonSetter(nulls = Nulls.FAIL)
        Trigger trigger;
    }

    private abstract static class ProviderIdNotNull {
        @JsonSetter(nulls = Nulls.FAIL)
        OperationDefinitionReq.ProviderIdEnum providerId;
    }

    private abstract static class ResourceTypeNotNull {
        @JsonSetter(nulls = Nulls.FAIL)
        ProtectParam.ResourceTypeEnum resourceType;
    }

    // Jackson reads a number or a boolean into a String field even with scalar coercion off; the spec's
    // string fields take strings only ({"name": 7} is a wrong type, as CSBS answers it).
    private static ObjectMapper refusingScalarsAsText(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return type != null && ADMIN_MODELS.equals(type.getPackageName()) ? ADMIN_MAPPER : MAPPER;
    }
}
