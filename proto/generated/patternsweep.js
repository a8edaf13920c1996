/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $Number = $util.global.Number, $String = $util.global.String, $isFinite = $util.global.isFinite, $Array = $util.global.Array, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const patternsweep = $root.patternsweep = (() => {

    /**
     * Namespace patternsweep.
     * @exports patternsweep
     * @namespace
     */
    const patternsweep = {};

    patternsweep.SweepEnvelope = (function() {

        /**
         * Properties of a SweepEnvelope.
         * @typedef {Object} patternsweep.SweepEnvelope.$Properties
         * @property {number|null} [protocolVersion] SweepEnvelope protocolVersion
         * @property {string|null} [sweepId] SweepEnvelope sweepId
         * @property {string|null} [specHash] SweepEnvelope specHash
         * @property {string|null} [specJson] SweepEnvelope specJson
         * @property {string|null} [specYaml] SweepEnvelope specYaml
         * @property {number|null} [createdMs] SweepEnvelope createdMs
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SweepEnvelope.
         * @memberof patternsweep
         * @interface ISweepEnvelope
         * @augments patternsweep.SweepEnvelope.$Properties
         * @deprecated Use patternsweep.SweepEnvelope.$Properties instead.
         */

        /**
         * Shape of a SweepEnvelope.
         * @typedef {patternsweep.SweepEnvelope.$Properties} patternsweep.SweepEnvelope.$Shape
         */

        /**
         * Constructs a new SweepEnvelope.
         * @memberof patternsweep
         * @classdesc Represents a SweepEnvelope.
         * @constructor
         * @param {patternsweep.SweepEnvelope.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SweepEnvelope = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * SweepEnvelope protocolVersion.
         * @member {number} protocolVersion
         * @memberof patternsweep.SweepEnvelope
         * @instance
         */
        SweepEnvelope.prototype.protocolVersion = 0;

        /**
         * SweepEnvelope sweepId.
         * @member {string} sweepId
         * @memberof patternsweep.SweepEnvelope
         * @instance
         */
        SweepEnvelope.prototype.sweepId = "";

        /**
         * SweepEnvelope specHash.
         * @member {string} specHash
         * @memberof patternsweep.SweepEnvelope
         * @instance
         */
        SweepEnvelope.prototype.specHash = "";

        /**
         * SweepEnvelope specJson.
         * @member {string} specJson
         * @memberof patternsweep.SweepEnvelope
         * @instance
         */
        SweepEnvelope.prototype.specJson = "";

        /**
         * SweepEnvelope specYaml.
         * @member {string} specYaml
         * @memberof patternsweep.SweepEnvelope
         * @instance
         */
        SweepEnvelope.prototype.specYaml = "";

        /**
         * SweepEnvelope createdMs.
         * @member {number} createdMs
         * @memberof patternsweep.SweepEnvelope
         * @instance
         */
        SweepEnvelope.prototype.createdMs = 0;

        /**
         * Creates a new SweepEnvelope instance using the specified properties.
         * @function create
         * @memberof patternsweep.SweepEnvelope
         * @static
         * @param {patternsweep.SweepEnvelope.$Properties=} [properties] Properties to set
         * @returns {patternsweep.SweepEnvelope} SweepEnvelope instance
         * @type {{
         *   (properties: patternsweep.SweepEnvelope.$Shape): patternsweep.SweepEnvelope & patternsweep.SweepEnvelope.$Shape;
         *   (properties?: patternsweep.SweepEnvelope.$Properties): patternsweep.SweepEnvelope;
         * }}
         */
        SweepEnvelope.create = function(properties) {
            return new SweepEnvelope(properties);
        };

        /**
         * Encodes the specified SweepEnvelope message. Does not implicitly {@link patternsweep.SweepEnvelope.verify|verify} messages.
         * @function encode
         * @memberof patternsweep.SweepEnvelope
         * @static
         * @param {patternsweep.SweepEnvelope.$Properties} message SweepEnvelope message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SweepEnvelope.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion") && message.protocolVersion !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.protocolVersion);
            if (message.sweepId != null && $Object.hasOwnProperty.call(message, "sweepId") && message.sweepId !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.sweepId);
            if (message.specHash != null && $Object.hasOwnProperty.call(message, "specHash") && message.specHash !== "")
                writer.uint32(/* id 3, wireType 2 =*/26).string(message.specHash);
            if (message.specJson != null && $Object.hasOwnProperty.call(message, "specJson") && message.specJson !== "")
                writer.uint32(/* id 4, wireType 2 =*/34).string(message.specJson);
            if (message.specYaml != null && $Object.hasOwnProperty.call(message, "specYaml") && message.specYaml !== "")
                writer.uint32(/* id 5, wireType 2 =*/42).string(message.specYaml);
            if (message.createdMs != null && $Object.hasOwnProperty.call(message, "createdMs") && !$Object.is(message.createdMs, 0))
                writer.uint32(/* id 6, wireType 1 =*/49).double(message.createdMs);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified SweepEnvelope message, length delimited. Does not implicitly {@link patternsweep.SweepEnvelope.verify|verify} messages.
         * @function encodeDelimited
         * @memberof patternsweep.SweepEnvelope
         * @static
         * @param {patternsweep.SweepEnvelope.$Properties} message SweepEnvelope message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SweepEnvelope.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a SweepEnvelope message from the specified reader or buffer.
         * @function decode
         * @memberof patternsweep.SweepEnvelope
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {patternsweep.SweepEnvelope & patternsweep.SweepEnvelope.$Shape} SweepEnvelope
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SweepEnvelope.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.patternsweep.SweepEnvelope();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.protocolVersion = value;
                        else
                            delete message.protocolVersion;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.sweepId = value;
                        else
                            delete message.sweepId;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.specHash = value;
                        else
                            delete message.specHash;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.specJson = value;
                        else
                            delete message.specJson;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.specYaml = value;
                        else
                            delete message.specYaml;
                        continue;
                    }
                case 6: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.createdMs = value;
                        else
                            delete message.createdMs;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a SweepEnvelope message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof patternsweep.SweepEnvelope
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {patternsweep.SweepEnvelope & patternsweep.SweepEnvelope.$Shape} SweepEnvelope
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SweepEnvelope.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a SweepEnvelope message.
         * @function verify
         * @memberof patternsweep.SweepEnvelope
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        SweepEnvelope.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                if (!$util.isInteger(message.protocolVersion))
                    return "protocolVersion: integer expected";
            if (message.sweepId != null && $Object.hasOwnProperty.call(message, "sweepId"))
                if (!$util.isString(message.sweepId))
                    return "sweepId: string expected";
            if (message.specHash != null && $Object.hasOwnProperty.call(message, "specHash"))
                if (!$util.isString(message.specHash))
                    return "specHash: string expected";
            if (message.specJson != null && $Object.hasOwnProperty.call(message, "specJson"))
                if (!$util.isString(message.specJson))
                    return "specJson: string expected";
            if (message.specYaml != null && $Object.hasOwnProperty.call(message, "specYaml"))
                if (!$util.isString(message.specYaml))
                    return "specYaml: string expected";
            if (message.createdMs != null && $Object.hasOwnProperty.call(message, "createdMs"))
                if (typeof message.createdMs !== "number")
                    return "createdMs: number expected";
            return null;
        };

        /**
         * Creates a SweepEnvelope message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof patternsweep.SweepEnvelope
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {patternsweep.SweepEnvelope} SweepEnvelope
         */
        SweepEnvelope.fromObject = function (object, _depth) {
            if (object instanceof $root.patternsweep.SweepEnvelope)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".patternsweep.SweepEnvelope: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.patternsweep.SweepEnvelope();
            if (object.protocolVersion != null)
                if ($Number(object.protocolVersion) !== 0)
                    message.protocolVersion = object.protocolVersion >>> 0;
            if (object.sweepId != null)
                if (typeof object.sweepId !== "string" || object.sweepId.length)
                    message.sweepId = $String(object.sweepId);
            if (object.specHash != null)
                if (typeof object.specHash !== "string" || object.specHash.length)
                    message.specHash = $String(object.specHash);
            if (object.specJson != null)
                if (typeof object.specJson !== "string" || object.specJson.length)
                    message.specJson = $String(object.specJson);
            if (object.specYaml != null)
                if (typeof object.specYaml !== "string" || object.specYaml.length)
                    message.specYaml = $String(object.specYaml);
            if (object.createdMs != null)
                if (!$Object.is($Number(object.createdMs), 0))
                    message.createdMs = $Number(object.createdMs);
            return message;
        };

        /**
         * Creates a plain object from a SweepEnvelope message. Also converts values to other types if specified.
         * @function toObject
         * @memberof patternsweep.SweepEnvelope
         * @static
         * @param {patternsweep.SweepEnvelope} message SweepEnvelope
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        SweepEnvelope.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.protocolVersion = 0;
                object.sweepId = "";
                object.specHash = "";
                object.specJson = "";
                object.specYaml = "";
                object.createdMs = 0;
            }
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                object.protocolVersion = message.protocolVersion;
            if (message.sweepId != null && $Object.hasOwnProperty.call(message, "sweepId"))
                object.sweepId = message.sweepId;
            if (message.specHash != null && $Object.hasOwnProperty.call(message, "specHash"))
                object.specHash = message.specHash;
            if (message.specJson != null && $Object.hasOwnProperty.call(message, "specJson"))
                object.specJson = message.specJson;
            if (message.specYaml != null && $Object.hasOwnProperty.call(message, "specYaml"))
                object.specYaml = message.specYaml;
            if (message.createdMs != null && $Object.hasOwnProperty.call(message, "createdMs"))
                object.createdMs = options.json && !$isFinite(message.createdMs) ? $String(message.createdMs) : message.createdMs;
            return object;
        };

        /**
         * Converts this SweepEnvelope to JSON.
         * @function toJSON
         * @memberof patternsweep.SweepEnvelope
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        SweepEnvelope.prototype.toJSON = function() {
            return SweepEnvelope.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for SweepEnvelope
         * @function getTypeUrl
         * @memberof patternsweep.SweepEnvelope
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        SweepEnvelope.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/patternsweep.SweepEnvelope";
        };

        return SweepEnvelope;
    })();

    patternsweep.Shard = (function() {

        /**
         * Properties of a Shard.
         * @typedef {Object} patternsweep.Shard.$Properties
         * @property {number|null} [protocolVersion] Shard protocolVersion
         * @property {string|null} [sweepId] Shard sweepId
         * @property {string|null} [specHash] Shard specHash
         * @property {number|null} [shard] Shard shard
         * @property {number|null} [start] Shard start
         * @property {number|null} [end] Shard end
         * @property {number|null} [attempt] Shard attempt
         * @property {string|null} [backend] Shard backend
         * @property {string|null} [runId] Shard runId
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Shard.
         * @memberof patternsweep
         * @interface IShard
         * @augments patternsweep.Shard.$Properties
         * @deprecated Use patternsweep.Shard.$Properties instead.
         */

        /**
         * Shape of a Shard.
         * @typedef {patternsweep.Shard.$Properties} patternsweep.Shard.$Shape
         */

        /**
         * Constructs a new Shard.
         * @memberof patternsweep
         * @classdesc Represents a Shard.
         * @constructor
         * @param {patternsweep.Shard.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Shard = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Shard protocolVersion.
         * @member {number} protocolVersion
         * @memberof patternsweep.Shard
         * @instance
         */
        Shard.prototype.protocolVersion = 0;

        /**
         * Shard sweepId.
         * @member {string} sweepId
         * @memberof patternsweep.Shard
         * @instance
         */
        Shard.prototype.sweepId = "";

        /**
         * Shard specHash.
         * @member {string} specHash
         * @memberof patternsweep.Shard
         * @instance
         */
        Shard.prototype.specHash = "";

        /**
         * Shard shard.
         * @member {number} shard
         * @memberof patternsweep.Shard
         * @instance
         */
        Shard.prototype.shard = 0;

        /**
         * Shard start.
         * @member {number} start
         * @memberof patternsweep.Shard
         * @instance
         */
        Shard.prototype.start = 0;

        /**
         * Shard end.
         * @member {number} end
         * @memberof patternsweep.Shard
         * @instance
         */
        Shard.prototype.end = 0;

        /**
         * Shard attempt.
         * @member {number} attempt
         * @memberof patternsweep.Shard
         * @instance
         */
        Shard.prototype.attempt = 0;

        /**
         * Shard backend.
         * @member {string} backend
         * @memberof patternsweep.Shard
         * @instance
         */
        Shard.prototype.backend = "";

        /**
         * Shard runId.
         * @member {string} runId
         * @memberof patternsweep.Shard
         * @instance
         */
        Shard.prototype.runId = "";

        /**
         * Creates a new Shard instance using the specified properties.
         * @function create
         * @memberof patternsweep.Shard
         * @static
         * @param {patternsweep.Shard.$Properties=} [properties] Properties to set
         * @returns {patternsweep.Shard} Shard instance
         * @type {{
         *   (properties: patternsweep.Shard.$Shape): patternsweep.Shard & patternsweep.Shard.$Shape;
         *   (properties?: patternsweep.Shard.$Properties): patternsweep.Shard;
         * }}
         */
        Shard.create = function(properties) {
            return new Shard(properties);
        };

        /**
         * Encodes the specified Shard message. Does not implicitly {@link patternsweep.Shard.verify|verify} messages.
         * @function encode
         * @memberof patternsweep.Shard
         * @static
         * @param {patternsweep.Shard.$Properties} message Shard message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Shard.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion") && message.protocolVersion !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.protocolVersion);
            if (message.sweepId != null && $Object.hasOwnProperty.call(message, "sweepId") && message.sweepId !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.sweepId);
            if (message.specHash != null && $Object.hasOwnProperty.call(message, "specHash") && message.specHash !== "")
                writer.uint32(/* id 3, wireType 2 =*/26).string(message.specHash);
            if (message.shard != null && $Object.hasOwnProperty.call(message, "shard") && !$Object.is(message.shard, 0))
                writer.uint32(/* id 4, wireType 1 =*/33).double(message.shard);
            if (message.start != null && $Object.hasOwnProperty.call(message, "start") && !$Object.is(message.start, 0))
                writer.uint32(/* id 5, wireType 1 =*/41).double(message.start);
            if (message.end != null && $Object.hasOwnProperty.call(message, "end") && !$Object.is(message.end, 0))
                writer.uint32(/* id 6, wireType 1 =*/49).double(message.end);
            if (message.attempt != null && $Object.hasOwnProperty.call(message, "attempt") && message.attempt !== 0)
                writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.attempt);
            if (message.backend != null && $Object.hasOwnProperty.call(message, "backend") && message.backend !== "")
                writer.uint32(/* id 8, wireType 2 =*/66).string(message.backend);
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId") && message.runId !== "")
                writer.uint32(/* id 9, wireType 2 =*/74).string(message.runId);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified Shard message, length delimited. Does not implicitly {@link patternsweep.Shard.verify|verify} messages.
         * @function encodeDelimited
         * @memberof patternsweep.Shard
         * @static
         * @param {patternsweep.Shard.$Properties} message Shard message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Shard.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a Shard message from the specified reader or buffer.
         * @function decode
         * @memberof patternsweep.Shard
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {patternsweep.Shard & patternsweep.Shard.$Shape} Shard
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Shard.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.patternsweep.Shard();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.protocolVersion = value;
                        else
                            delete message.protocolVersion;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.sweepId = value;
                        else
                            delete message.sweepId;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.specHash = value;
                        else
                            delete message.specHash;
                        continue;
                    }
                case 4: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.shard = value;
                        else
                            delete message.shard;
                        continue;
                    }
                case 5: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.start = value;
                        else
                            delete message.start;
                        continue;
                    }
                case 6: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.end = value;
                        else
                            delete message.end;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.attempt = value;
                        else
                            delete message.attempt;
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.backend = value;
                        else
                            delete message.backend;
                        continue;
                    }
                case 9: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.runId = value;
                        else
                            delete message.runId;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a Shard message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof patternsweep.Shard
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {patternsweep.Shard & patternsweep.Shard.$Shape} Shard
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Shard.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a Shard message.
         * @function verify
         * @memberof patternsweep.Shard
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        Shard.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                if (!$util.isInteger(message.protocolVersion))
                    return "protocolVersion: integer expected";
            if (message.sweepId != null && $Object.hasOwnProperty.call(message, "sweepId"))
                if (!$util.isString(message.sweepId))
                    return "sweepId: string expected";
            if (message.specHash != null && $Object.hasOwnProperty.call(message, "specHash"))
                if (!$util.isString(message.specHash))
                    return "specHash: string expected";
            if (message.shard != null && $Object.hasOwnProperty.call(message, "shard"))
                if (typeof message.shard !== "number")
                    return "shard: number expected";
            if (message.start != null && $Object.hasOwnProperty.call(message, "start"))
                if (typeof message.start !== "number")
                    return "start: number expected";
            if (message.end != null && $Object.hasOwnProperty.call(message, "end"))
                if (typeof message.end !== "number")
                    return "end: number expected";
            if (message.attempt != null && $Object.hasOwnProperty.call(message, "attempt"))
                if (!$util.isInteger(message.attempt))
                    return "attempt: integer expected";
            if (message.backend != null && $Object.hasOwnProperty.call(message, "backend"))
                if (!$util.isString(message.backend))
                    return "backend: string expected";
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId"))
                if (!$util.isString(message.runId))
                    return "runId: string expected";
            return null;
        };

        /**
         * Creates a Shard message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof patternsweep.Shard
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {patternsweep.Shard} Shard
         */
        Shard.fromObject = function (object, _depth) {
            if (object instanceof $root.patternsweep.Shard)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".patternsweep.Shard: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.patternsweep.Shard();
            if (object.protocolVersion != null)
                if ($Number(object.protocolVersion) !== 0)
                    message.protocolVersion = object.protocolVersion >>> 0;
            if (object.sweepId != null)
                if (typeof object.sweepId !== "string" || object.sweepId.length)
                    message.sweepId = $String(object.sweepId);
            if (object.specHash != null)
                if (typeof object.specHash !== "string" || object.specHash.length)
                    message.specHash = $String(object.specHash);
            if (object.shard != null)
                if (!$Object.is($Number(object.shard), 0))
                    message.shard = $Number(object.shard);
            if (object.start != null)
                if (!$Object.is($Number(object.start), 0))
                    message.start = $Number(object.start);
            if (object.end != null)
                if (!$Object.is($Number(object.end), 0))
                    message.end = $Number(object.end);
            if (object.attempt != null)
                if ($Number(object.attempt) !== 0)
                    message.attempt = object.attempt >>> 0;
            if (object.backend != null)
                if (typeof object.backend !== "string" || object.backend.length)
                    message.backend = $String(object.backend);
            if (object.runId != null)
                if (typeof object.runId !== "string" || object.runId.length)
                    message.runId = $String(object.runId);
            return message;
        };

        /**
         * Creates a plain object from a Shard message. Also converts values to other types if specified.
         * @function toObject
         * @memberof patternsweep.Shard
         * @static
         * @param {patternsweep.Shard} message Shard
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Shard.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.protocolVersion = 0;
                object.sweepId = "";
                object.specHash = "";
                object.shard = 0;
                object.start = 0;
                object.end = 0;
                object.attempt = 0;
                object.backend = "";
                object.runId = "";
            }
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                object.protocolVersion = message.protocolVersion;
            if (message.sweepId != null && $Object.hasOwnProperty.call(message, "sweepId"))
                object.sweepId = message.sweepId;
            if (message.specHash != null && $Object.hasOwnProperty.call(message, "specHash"))
                object.specHash = message.specHash;
            if (message.shard != null && $Object.hasOwnProperty.call(message, "shard"))
                object.shard = options.json && !$isFinite(message.shard) ? $String(message.shard) : message.shard;
            if (message.start != null && $Object.hasOwnProperty.call(message, "start"))
                object.start = options.json && !$isFinite(message.start) ? $String(message.start) : message.start;
            if (message.end != null && $Object.hasOwnProperty.call(message, "end"))
                object.end = options.json && !$isFinite(message.end) ? $String(message.end) : message.end;
            if (message.attempt != null && $Object.hasOwnProperty.call(message, "attempt"))
                object.attempt = message.attempt;
            if (message.backend != null && $Object.hasOwnProperty.call(message, "backend"))
                object.backend = message.backend;
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId"))
                object.runId = message.runId;
            return object;
        };

        /**
         * Converts this Shard to JSON.
         * @function toJSON
         * @memberof patternsweep.Shard
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Shard.prototype.toJSON = function() {
            return Shard.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Shard
         * @function getTypeUrl
         * @memberof patternsweep.Shard
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Shard.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/patternsweep.Shard";
        };

        return Shard;
    })();

    patternsweep.StatColumn = (function() {

        /**
         * Properties of a StatColumn.
         * @typedef {Object} patternsweep.StatColumn.$Properties
         * @property {string|null} [name] StatColumn name
         * @property {Uint8Array|null} [values] StatColumn values
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a StatColumn.
         * @memberof patternsweep
         * @interface IStatColumn
         * @augments patternsweep.StatColumn.$Properties
         * @deprecated Use patternsweep.StatColumn.$Properties instead.
         */

        /**
         * Shape of a StatColumn.
         * @typedef {patternsweep.StatColumn.$Properties} patternsweep.StatColumn.$Shape
         */

        /**
         * Constructs a new StatColumn.
         * @memberof patternsweep
         * @classdesc Represents a StatColumn.
         * @constructor
         * @param {patternsweep.StatColumn.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const StatColumn = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * StatColumn name.
         * @member {string} name
         * @memberof patternsweep.StatColumn
         * @instance
         */
        StatColumn.prototype.name = "";

        /**
         * StatColumn values.
         * @member {Uint8Array} values
         * @memberof patternsweep.StatColumn
         * @instance
         */
        StatColumn.prototype.values = $util.newBuffer([]);

        /**
         * Creates a new StatColumn instance using the specified properties.
         * @function create
         * @memberof patternsweep.StatColumn
         * @static
         * @param {patternsweep.StatColumn.$Properties=} [properties] Properties to set
         * @returns {patternsweep.StatColumn} StatColumn instance
         * @type {{
         *   (properties: patternsweep.StatColumn.$Shape): patternsweep.StatColumn & patternsweep.StatColumn.$Shape;
         *   (properties?: patternsweep.StatColumn.$Properties): patternsweep.StatColumn;
         * }}
         */
        StatColumn.create = function(properties) {
            return new StatColumn(properties);
        };

        /**
         * Encodes the specified StatColumn message. Does not implicitly {@link patternsweep.StatColumn.verify|verify} messages.
         * @function encode
         * @memberof patternsweep.StatColumn
         * @static
         * @param {patternsweep.StatColumn.$Properties} message StatColumn message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        StatColumn.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
            if (message.values != null && $Object.hasOwnProperty.call(message, "values") && message.values.length)
                writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.values);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified StatColumn message, length delimited. Does not implicitly {@link patternsweep.StatColumn.verify|verify} messages.
         * @function encodeDelimited
         * @memberof patternsweep.StatColumn
         * @static
         * @param {patternsweep.StatColumn.$Properties} message StatColumn message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        StatColumn.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a StatColumn message from the specified reader or buffer.
         * @function decode
         * @memberof patternsweep.StatColumn
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {patternsweep.StatColumn & patternsweep.StatColumn.$Shape} StatColumn
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        StatColumn.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.patternsweep.StatColumn();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.name = value;
                        else
                            delete message.name;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.values = value;
                        else
                            delete message.values;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a StatColumn message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof patternsweep.StatColumn
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {patternsweep.StatColumn & patternsweep.StatColumn.$Shape} StatColumn
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        StatColumn.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a StatColumn message.
         * @function verify
         * @memberof patternsweep.StatColumn
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        StatColumn.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                if (!$util.isString(message.name))
                    return "name: string expected";
            if (message.values != null && $Object.hasOwnProperty.call(message, "values"))
                if (!(message.values && typeof message.values.length === "number" || $util.isString(message.values)))
                    return "values: buffer expected";
            return null;
        };

        /**
         * Creates a StatColumn message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof patternsweep.StatColumn
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {patternsweep.StatColumn} StatColumn
         */
        StatColumn.fromObject = function (object, _depth) {
            if (object instanceof $root.patternsweep.StatColumn)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".patternsweep.StatColumn: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.patternsweep.StatColumn();
            if (object.name != null)
                if (typeof object.name !== "string" || object.name.length)
                    message.name = $String(object.name);
            if (object.values != null)
                if (object.values.length)
                    if (typeof object.values === "string")
                        $util.base64.decode(object.values, message.values = $util.newBuffer($util.base64.length(object.values)), 0);
                    else if (object.values.length >= 0)
                        message.values = object.values;
            return message;
        };

        /**
         * Creates a plain object from a StatColumn message. Also converts values to other types if specified.
         * @function toObject
         * @memberof patternsweep.StatColumn
         * @static
         * @param {patternsweep.StatColumn} message StatColumn
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        StatColumn.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.name = "";
                if (options.bytes === $String)
                    object.values = "";
                else {
                    object.values = [];
                    if (options.bytes !== $Array)
                        object.values = $util.newBuffer(object.values);
                }
            }
            if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                object.name = message.name;
            if (message.values != null && $Object.hasOwnProperty.call(message, "values"))
                object.values = options.bytes === $String ? $util.base64.encode(message.values, 0, message.values.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.values) : message.values;
            return object;
        };

        /**
         * Converts this StatColumn to JSON.
         * @function toJSON
         * @memberof patternsweep.StatColumn
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        StatColumn.prototype.toJSON = function() {
            return StatColumn.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for StatColumn
         * @function getTypeUrl
         * @memberof patternsweep.StatColumn
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        StatColumn.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/patternsweep.StatColumn";
        };

        return StatColumn;
    })();

    patternsweep.Trajectory = (function() {

        /**
         * Properties of a Trajectory.
         * @typedef {Object} patternsweep.Trajectory.$Properties
         * @property {number|null} [points] Trajectory points
         * @property {Uint8Array|null} [time] Trajectory time
         * @property {Uint8Array|null} [acc] Trajectory acc
         * @property {Uint8Array|null} [piOpt] Trajectory piOpt
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Trajectory.
         * @memberof patternsweep
         * @interface ITrajectory
         * @augments patternsweep.Trajectory.$Properties
         * @deprecated Use patternsweep.Trajectory.$Properties instead.
         */

        /**
         * Shape of a Trajectory.
         * @typedef {patternsweep.Trajectory.$Properties} patternsweep.Trajectory.$Shape
         */

        /**
         * Constructs a new Trajectory.
         * @memberof patternsweep
         * @classdesc Represents a Trajectory.
         * @constructor
         * @param {patternsweep.Trajectory.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Trajectory = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Trajectory points.
         * @member {number} points
         * @memberof patternsweep.Trajectory
         * @instance
         */
        Trajectory.prototype.points = 0;

        /**
         * Trajectory time.
         * @member {Uint8Array} time
         * @memberof patternsweep.Trajectory
         * @instance
         */
        Trajectory.prototype.time = $util.newBuffer([]);

        /**
         * Trajectory acc.
         * @member {Uint8Array} acc
         * @memberof patternsweep.Trajectory
         * @instance
         */
        Trajectory.prototype.acc = $util.newBuffer([]);

        /**
         * Trajectory piOpt.
         * @member {Uint8Array} piOpt
         * @memberof patternsweep.Trajectory
         * @instance
         */
        Trajectory.prototype.piOpt = $util.newBuffer([]);

        /**
         * Creates a new Trajectory instance using the specified properties.
         * @function create
         * @memberof patternsweep.Trajectory
         * @static
         * @param {patternsweep.Trajectory.$Properties=} [properties] Properties to set
         * @returns {patternsweep.Trajectory} Trajectory instance
         * @type {{
         *   (properties: patternsweep.Trajectory.$Shape): patternsweep.Trajectory & patternsweep.Trajectory.$Shape;
         *   (properties?: patternsweep.Trajectory.$Properties): patternsweep.Trajectory;
         * }}
         */
        Trajectory.create = function(properties) {
            return new Trajectory(properties);
        };

        /**
         * Encodes the specified Trajectory message. Does not implicitly {@link patternsweep.Trajectory.verify|verify} messages.
         * @function encode
         * @memberof patternsweep.Trajectory
         * @static
         * @param {patternsweep.Trajectory.$Properties} message Trajectory message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Trajectory.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.points != null && $Object.hasOwnProperty.call(message, "points") && message.points !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.points);
            if (message.time != null && $Object.hasOwnProperty.call(message, "time") && message.time.length)
                writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.time);
            if (message.acc != null && $Object.hasOwnProperty.call(message, "acc") && message.acc.length)
                writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.acc);
            if (message.piOpt != null && $Object.hasOwnProperty.call(message, "piOpt") && message.piOpt.length)
                writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.piOpt);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified Trajectory message, length delimited. Does not implicitly {@link patternsweep.Trajectory.verify|verify} messages.
         * @function encodeDelimited
         * @memberof patternsweep.Trajectory
         * @static
         * @param {patternsweep.Trajectory.$Properties} message Trajectory message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Trajectory.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a Trajectory message from the specified reader or buffer.
         * @function decode
         * @memberof patternsweep.Trajectory
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {patternsweep.Trajectory & patternsweep.Trajectory.$Shape} Trajectory
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Trajectory.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.patternsweep.Trajectory();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.points = value;
                        else
                            delete message.points;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.time = value;
                        else
                            delete message.time;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.acc = value;
                        else
                            delete message.acc;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.piOpt = value;
                        else
                            delete message.piOpt;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a Trajectory message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof patternsweep.Trajectory
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {patternsweep.Trajectory & patternsweep.Trajectory.$Shape} Trajectory
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Trajectory.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a Trajectory message.
         * @function verify
         * @memberof patternsweep.Trajectory
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        Trajectory.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.points != null && $Object.hasOwnProperty.call(message, "points"))
                if (!$util.isInteger(message.points))
                    return "points: integer expected";
            if (message.time != null && $Object.hasOwnProperty.call(message, "time"))
                if (!(message.time && typeof message.time.length === "number" || $util.isString(message.time)))
                    return "time: buffer expected";
            if (message.acc != null && $Object.hasOwnProperty.call(message, "acc"))
                if (!(message.acc && typeof message.acc.length === "number" || $util.isString(message.acc)))
                    return "acc: buffer expected";
            if (message.piOpt != null && $Object.hasOwnProperty.call(message, "piOpt"))
                if (!(message.piOpt && typeof message.piOpt.length === "number" || $util.isString(message.piOpt)))
                    return "piOpt: buffer expected";
            return null;
        };

        /**
         * Creates a Trajectory message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof patternsweep.Trajectory
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {patternsweep.Trajectory} Trajectory
         */
        Trajectory.fromObject = function (object, _depth) {
            if (object instanceof $root.patternsweep.Trajectory)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".patternsweep.Trajectory: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.patternsweep.Trajectory();
            if (object.points != null)
                if ($Number(object.points) !== 0)
                    message.points = object.points >>> 0;
            if (object.time != null)
                if (object.time.length)
                    if (typeof object.time === "string")
                        $util.base64.decode(object.time, message.time = $util.newBuffer($util.base64.length(object.time)), 0);
                    else if (object.time.length >= 0)
                        message.time = object.time;
            if (object.acc != null)
                if (object.acc.length)
                    if (typeof object.acc === "string")
                        $util.base64.decode(object.acc, message.acc = $util.newBuffer($util.base64.length(object.acc)), 0);
                    else if (object.acc.length >= 0)
                        message.acc = object.acc;
            if (object.piOpt != null)
                if (object.piOpt.length)
                    if (typeof object.piOpt === "string")
                        $util.base64.decode(object.piOpt, message.piOpt = $util.newBuffer($util.base64.length(object.piOpt)), 0);
                    else if (object.piOpt.length >= 0)
                        message.piOpt = object.piOpt;
            return message;
        };

        /**
         * Creates a plain object from a Trajectory message. Also converts values to other types if specified.
         * @function toObject
         * @memberof patternsweep.Trajectory
         * @static
         * @param {patternsweep.Trajectory} message Trajectory
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Trajectory.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.points = 0;
                if (options.bytes === $String)
                    object.time = "";
                else {
                    object.time = [];
                    if (options.bytes !== $Array)
                        object.time = $util.newBuffer(object.time);
                }
                if (options.bytes === $String)
                    object.acc = "";
                else {
                    object.acc = [];
                    if (options.bytes !== $Array)
                        object.acc = $util.newBuffer(object.acc);
                }
                if (options.bytes === $String)
                    object.piOpt = "";
                else {
                    object.piOpt = [];
                    if (options.bytes !== $Array)
                        object.piOpt = $util.newBuffer(object.piOpt);
                }
            }
            if (message.points != null && $Object.hasOwnProperty.call(message, "points"))
                object.points = message.points;
            if (message.time != null && $Object.hasOwnProperty.call(message, "time"))
                object.time = options.bytes === $String ? $util.base64.encode(message.time, 0, message.time.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.time) : message.time;
            if (message.acc != null && $Object.hasOwnProperty.call(message, "acc"))
                object.acc = options.bytes === $String ? $util.base64.encode(message.acc, 0, message.acc.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.acc) : message.acc;
            if (message.piOpt != null && $Object.hasOwnProperty.call(message, "piOpt"))
                object.piOpt = options.bytes === $String ? $util.base64.encode(message.piOpt, 0, message.piOpt.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.piOpt) : message.piOpt;
            return object;
        };

        /**
         * Converts this Trajectory to JSON.
         * @function toJSON
         * @memberof patternsweep.Trajectory
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Trajectory.prototype.toJSON = function() {
            return Trajectory.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Trajectory
         * @function getTypeUrl
         * @memberof patternsweep.Trajectory
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Trajectory.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/patternsweep.Trajectory";
        };

        return Trajectory;
    })();

    patternsweep.ShardResult = (function() {

        /**
         * Properties of a ShardResult.
         * @typedef {Object} patternsweep.ShardResult.$Properties
         * @property {number|null} [protocolVersion] ShardResult protocolVersion
         * @property {string|null} [sweepId] ShardResult sweepId
         * @property {number|null} [shard] ShardResult shard
         * @property {number|null} [start] ShardResult start
         * @property {number|null} [end] ShardResult end
         * @property {Array.<patternsweep.StatColumn.$Properties>|null} [columns] ShardResult columns
         * @property {patternsweep.Trajectory.$Properties|null} [trajectory] ShardResult trajectory
         * @property {string|null} [backend] ShardResult backend
         * @property {string|null} [workerId] ShardResult workerId
         * @property {number|null} [elapsedMs] ShardResult elapsedMs
         * @property {number|null} [attempt] ShardResult attempt
         * @property {string|null} [specHash] ShardResult specHash
         * @property {string|null} [runId] ShardResult runId
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a ShardResult.
         * @memberof patternsweep
         * @interface IShardResult
         * @augments patternsweep.ShardResult.$Properties
         * @deprecated Use patternsweep.ShardResult.$Properties instead.
         */

        /**
         * Shape of a ShardResult.
         * @typedef {patternsweep.ShardResult.$Properties} patternsweep.ShardResult.$Shape
         */

        /**
         * Constructs a new ShardResult.
         * @memberof patternsweep
         * @classdesc Represents a ShardResult.
         * @constructor
         * @param {patternsweep.ShardResult.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const ShardResult = function (properties) {
            this.columns = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * ShardResult protocolVersion.
         * @member {number} protocolVersion
         * @memberof patternsweep.ShardResult
         * @instance
         */
        ShardResult.prototype.protocolVersion = 0;

        /**
         * ShardResult sweepId.
         * @member {string} sweepId
         * @memberof patternsweep.ShardResult
         * @instance
         */
        ShardResult.prototype.sweepId = "";

        /**
         * ShardResult shard.
         * @member {number} shard
         * @memberof patternsweep.ShardResult
         * @instance
         */
        ShardResult.prototype.shard = 0;

        /**
         * ShardResult start.
         * @member {number} start
         * @memberof patternsweep.ShardResult
         * @instance
         */
        ShardResult.prototype.start = 0;

        /**
         * ShardResult end.
         * @member {number} end
         * @memberof patternsweep.ShardResult
         * @instance
         */
        ShardResult.prototype.end = 0;

        /**
         * ShardResult columns.
         * @member {Array.<patternsweep.StatColumn.$Properties>} columns
         * @memberof patternsweep.ShardResult
         * @instance
         */
        ShardResult.prototype.columns = $util.emptyArray;

        /**
         * ShardResult trajectory.
         * @member {patternsweep.Trajectory.$Properties|null|undefined} trajectory
         * @memberof patternsweep.ShardResult
         * @instance
         */
        ShardResult.prototype.trajectory = null;

        /**
         * ShardResult backend.
         * @member {string} backend
         * @memberof patternsweep.ShardResult
         * @instance
         */
        ShardResult.prototype.backend = "";

        /**
         * ShardResult workerId.
         * @member {string} workerId
         * @memberof patternsweep.ShardResult
         * @instance
         */
        ShardResult.prototype.workerId = "";

        /**
         * ShardResult elapsedMs.
         * @member {number} elapsedMs
         * @memberof patternsweep.ShardResult
         * @instance
         */
        ShardResult.prototype.elapsedMs = 0;

        /**
         * ShardResult attempt.
         * @member {number} attempt
         * @memberof patternsweep.ShardResult
         * @instance
         */
        ShardResult.prototype.attempt = 0;

        /**
         * ShardResult specHash.
         * @member {string} specHash
         * @memberof patternsweep.ShardResult
         * @instance
         */
        ShardResult.prototype.specHash = "";

        /**
         * ShardResult runId.
         * @member {string} runId
         * @memberof patternsweep.ShardResult
         * @instance
         */
        ShardResult.prototype.runId = "";

        /**
         * Creates a new ShardResult instance using the specified properties.
         * @function create
         * @memberof patternsweep.ShardResult
         * @static
         * @param {patternsweep.ShardResult.$Properties=} [properties] Properties to set
         * @returns {patternsweep.ShardResult} ShardResult instance
         * @type {{
         *   (properties: patternsweep.ShardResult.$Shape): patternsweep.ShardResult & patternsweep.ShardResult.$Shape;
         *   (properties?: patternsweep.ShardResult.$Properties): patternsweep.ShardResult;
         * }}
         */
        ShardResult.create = function(properties) {
            return new ShardResult(properties);
        };

        /**
         * Encodes the specified ShardResult message. Does not implicitly {@link patternsweep.ShardResult.verify|verify} messages.
         * @function encode
         * @memberof patternsweep.ShardResult
         * @static
         * @param {patternsweep.ShardResult.$Properties} message ShardResult message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ShardResult.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion") && message.protocolVersion !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.protocolVersion);
            if (message.sweepId != null && $Object.hasOwnProperty.call(message, "sweepId") && message.sweepId !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.sweepId);
            if (message.shard != null && $Object.hasOwnProperty.call(message, "shard") && !$Object.is(message.shard, 0))
                writer.uint32(/* id 3, wireType 1 =*/25).double(message.shard);
            if (message.start != null && $Object.hasOwnProperty.call(message, "start") && !$Object.is(message.start, 0))
                writer.uint32(/* id 4, wireType 1 =*/33).double(message.start);
            if (message.end != null && $Object.hasOwnProperty.call(message, "end") && !$Object.is(message.end, 0))
                writer.uint32(/* id 5, wireType 1 =*/41).double(message.end);
            if (message.columns != null && message.columns.length)
                for (let i = 0; i < message.columns.length; ++i)
                    $root.patternsweep.StatColumn.encode(message.columns[i], writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
            if (message.trajectory != null && $Object.hasOwnProperty.call(message, "trajectory"))
                $root.patternsweep.Trajectory.encode(message.trajectory, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
            if (message.backend != null && $Object.hasOwnProperty.call(message, "backend") && message.backend !== "")
                writer.uint32(/* id 8, wireType 2 =*/66).string(message.backend);
            if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId") && message.workerId !== "")
                writer.uint32(/* id 9, wireType 2 =*/74).string(message.workerId);
            if (message.elapsedMs != null && $Object.hasOwnProperty.call(message, "elapsedMs") && !$Object.is(message.elapsedMs, 0))
                writer.uint32(/* id 10, wireType 1 =*/81).double(message.elapsedMs);
            if (message.attempt != null && $Object.hasOwnProperty.call(message, "attempt") && message.attempt !== 0)
                writer.uint32(/* id 11, wireType 0 =*/88).uint32(message.attempt);
            if (message.specHash != null && $Object.hasOwnProperty.call(message, "specHash") && message.specHash !== "")
                writer.uint32(/* id 12, wireType 2 =*/98).string(message.specHash);
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId") && message.runId !== "")
                writer.uint32(/* id 13, wireType 2 =*/106).string(message.runId);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified ShardResult message, length delimited. Does not implicitly {@link patternsweep.ShardResult.verify|verify} messages.
         * @function encodeDelimited
         * @memberof patternsweep.ShardResult
         * @static
         * @param {patternsweep.ShardResult.$Properties} message ShardResult message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ShardResult.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a ShardResult message from the specified reader or buffer.
         * @function decode
         * @memberof patternsweep.ShardResult
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {patternsweep.ShardResult & patternsweep.ShardResult.$Shape} ShardResult
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ShardResult.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.patternsweep.ShardResult();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.protocolVersion = value;
                        else
                            delete message.protocolVersion;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.sweepId = value;
                        else
                            delete message.sweepId;
                        continue;
                    }
                case 3: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.shard = value;
                        else
                            delete message.shard;
                        continue;
                    }
                case 4: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.start = value;
                        else
                            delete message.start;
                        continue;
                    }
                case 5: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.end = value;
                        else
                            delete message.end;
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        if (!(message.columns && message.columns.length))
                            message.columns = [];
                        message.columns.push($root.patternsweep.StatColumn.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 7: {
                        if (wireType !== 2)
                            break;
                        message.trajectory = $root.patternsweep.Trajectory.decode(reader, reader.size(), $undefined, _depth + 1, message.trajectory);
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.backend = value;
                        else
                            delete message.backend;
                        continue;
                    }
                case 9: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.workerId = value;
                        else
                            delete message.workerId;
                        continue;
                    }
                case 10: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.elapsedMs = value;
                        else
                            delete message.elapsedMs;
                        continue;
                    }
                case 11: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.attempt = value;
                        else
                            delete message.attempt;
                        continue;
                    }
                case 12: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.specHash = value;
                        else
                            delete message.specHash;
                        continue;
                    }
                case 13: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.runId = value;
                        else
                            delete message.runId;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a ShardResult message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof patternsweep.ShardResult
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {patternsweep.ShardResult & patternsweep.ShardResult.$Shape} ShardResult
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ShardResult.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a ShardResult message.
         * @function verify
         * @memberof patternsweep.ShardResult
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        ShardResult.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                if (!$util.isInteger(message.protocolVersion))
                    return "protocolVersion: integer expected";
            if (message.sweepId != null && $Object.hasOwnProperty.call(message, "sweepId"))
                if (!$util.isString(message.sweepId))
                    return "sweepId: string expected";
            if (message.shard != null && $Object.hasOwnProperty.call(message, "shard"))
                if (typeof message.shard !== "number")
                    return "shard: number expected";
            if (message.start != null && $Object.hasOwnProperty.call(message, "start"))
                if (typeof message.start !== "number")
                    return "start: number expected";
            if (message.end != null && $Object.hasOwnProperty.call(message, "end"))
                if (typeof message.end !== "number")
                    return "end: number expected";
            if (message.columns != null && $Object.hasOwnProperty.call(message, "columns")) {
                if (!$Array.isArray(message.columns))
                    return "columns: array expected";
                for (let i = 0; i < message.columns.length; ++i) {
                    let error = $root.patternsweep.StatColumn.verify(message.columns[i], _depth + 1);
                    if (error)
                        return "columns." + error;
                }
            }
            if (message.trajectory != null && $Object.hasOwnProperty.call(message, "trajectory")) {
                let error = $root.patternsweep.Trajectory.verify(message.trajectory, _depth + 1);
                if (error)
                    return "trajectory." + error;
            }
            if (message.backend != null && $Object.hasOwnProperty.call(message, "backend"))
                if (!$util.isString(message.backend))
                    return "backend: string expected";
            if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId"))
                if (!$util.isString(message.workerId))
                    return "workerId: string expected";
            if (message.elapsedMs != null && $Object.hasOwnProperty.call(message, "elapsedMs"))
                if (typeof message.elapsedMs !== "number")
                    return "elapsedMs: number expected";
            if (message.attempt != null && $Object.hasOwnProperty.call(message, "attempt"))
                if (!$util.isInteger(message.attempt))
                    return "attempt: integer expected";
            if (message.specHash != null && $Object.hasOwnProperty.call(message, "specHash"))
                if (!$util.isString(message.specHash))
                    return "specHash: string expected";
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId"))
                if (!$util.isString(message.runId))
                    return "runId: string expected";
            return null;
        };

        /**
         * Creates a ShardResult message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof patternsweep.ShardResult
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {patternsweep.ShardResult} ShardResult
         */
        ShardResult.fromObject = function (object, _depth) {
            if (object instanceof $root.patternsweep.ShardResult)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".patternsweep.ShardResult: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.patternsweep.ShardResult();
            if (object.protocolVersion != null)
                if ($Number(object.protocolVersion) !== 0)
                    message.protocolVersion = object.protocolVersion >>> 0;
            if (object.sweepId != null)
                if (typeof object.sweepId !== "string" || object.sweepId.length)
                    message.sweepId = $String(object.sweepId);
            if (object.shard != null)
                if (!$Object.is($Number(object.shard), 0))
                    message.shard = $Number(object.shard);
            if (object.start != null)
                if (!$Object.is($Number(object.start), 0))
                    message.start = $Number(object.start);
            if (object.end != null)
                if (!$Object.is($Number(object.end), 0))
                    message.end = $Number(object.end);
            if (object.columns) {
                if (!$Array.isArray(object.columns))
                    throw $TypeError(".patternsweep.ShardResult.columns: array expected");
                message.columns = $Array(object.columns.length);
                for (let i = 0; i < object.columns.length; ++i) {
                    if (!$util.isObject(object.columns[i]))
                        throw $TypeError(".patternsweep.ShardResult.columns: object expected");
                    message.columns[i] = $root.patternsweep.StatColumn.fromObject(object.columns[i], _depth + 1);
                }
            }
            if (object.trajectory != null) {
                if (!$util.isObject(object.trajectory))
                    throw $TypeError(".patternsweep.ShardResult.trajectory: object expected");
                message.trajectory = $root.patternsweep.Trajectory.fromObject(object.trajectory, _depth + 1);
            }
            if (object.backend != null)
                if (typeof object.backend !== "string" || object.backend.length)
                    message.backend = $String(object.backend);
            if (object.workerId != null)
                if (typeof object.workerId !== "string" || object.workerId.length)
                    message.workerId = $String(object.workerId);
            if (object.elapsedMs != null)
                if (!$Object.is($Number(object.elapsedMs), 0))
                    message.elapsedMs = $Number(object.elapsedMs);
            if (object.attempt != null)
                if ($Number(object.attempt) !== 0)
                    message.attempt = object.attempt >>> 0;
            if (object.specHash != null)
                if (typeof object.specHash !== "string" || object.specHash.length)
                    message.specHash = $String(object.specHash);
            if (object.runId != null)
                if (typeof object.runId !== "string" || object.runId.length)
                    message.runId = $String(object.runId);
            return message;
        };

        /**
         * Creates a plain object from a ShardResult message. Also converts values to other types if specified.
         * @function toObject
         * @memberof patternsweep.ShardResult
         * @static
         * @param {patternsweep.ShardResult} message ShardResult
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        ShardResult.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.columns = [];
            if (options.defaults) {
                object.protocolVersion = 0;
                object.sweepId = "";
                object.shard = 0;
                object.start = 0;
                object.end = 0;
                object.trajectory = null;
                object.backend = "";
                object.workerId = "";
                object.elapsedMs = 0;
                object.attempt = 0;
                object.specHash = "";
                object.runId = "";
            }
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                object.protocolVersion = message.protocolVersion;
            if (message.sweepId != null && $Object.hasOwnProperty.call(message, "sweepId"))
                object.sweepId = message.sweepId;
            if (message.shard != null && $Object.hasOwnProperty.call(message, "shard"))
                object.shard = options.json && !$isFinite(message.shard) ? $String(message.shard) : message.shard;
            if (message.start != null && $Object.hasOwnProperty.call(message, "start"))
                object.start = options.json && !$isFinite(message.start) ? $String(message.start) : message.start;
            if (message.end != null && $Object.hasOwnProperty.call(message, "end"))
                object.end = options.json && !$isFinite(message.end) ? $String(message.end) : message.end;
            if (message.columns && message.columns.length) {
                object.columns = $Array(message.columns.length);
                for (let j = 0; j < message.columns.length; ++j)
                    object.columns[j] = $root.patternsweep.StatColumn.toObject(message.columns[j], options, _depth + 1);
            }
            if (message.trajectory != null && $Object.hasOwnProperty.call(message, "trajectory"))
                object.trajectory = $root.patternsweep.Trajectory.toObject(message.trajectory, options, _depth + 1);
            if (message.backend != null && $Object.hasOwnProperty.call(message, "backend"))
                object.backend = message.backend;
            if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId"))
                object.workerId = message.workerId;
            if (message.elapsedMs != null && $Object.hasOwnProperty.call(message, "elapsedMs"))
                object.elapsedMs = options.json && !$isFinite(message.elapsedMs) ? $String(message.elapsedMs) : message.elapsedMs;
            if (message.attempt != null && $Object.hasOwnProperty.call(message, "attempt"))
                object.attempt = message.attempt;
            if (message.specHash != null && $Object.hasOwnProperty.call(message, "specHash"))
                object.specHash = message.specHash;
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId"))
                object.runId = message.runId;
            return object;
        };

        /**
         * Converts this ShardResult to JSON.
         * @function toJSON
         * @memberof patternsweep.ShardResult
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        ShardResult.prototype.toJSON = function() {
            return ShardResult.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for ShardResult
         * @function getTypeUrl
         * @memberof patternsweep.ShardResult
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ShardResult.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/patternsweep.ShardResult";
        };

        return ShardResult;
    })();

    patternsweep.ShardFailure = (function() {

        /**
         * Properties of a ShardFailure.
         * @typedef {Object} patternsweep.ShardFailure.$Properties
         * @property {number|null} [protocolVersion] ShardFailure protocolVersion
         * @property {string|null} [sweepId] ShardFailure sweepId
         * @property {number|null} [shard] ShardFailure shard
         * @property {string|null} [errorName] ShardFailure errorName
         * @property {string|null} [errorMessage] ShardFailure errorMessage
         * @property {number|null} [attempt] ShardFailure attempt
         * @property {string|null} [workerId] ShardFailure workerId
         * @property {boolean|null} [final] ShardFailure final
         * @property {number|null} [workSeq] ShardFailure workSeq
         * @property {number|null} [start] ShardFailure start
         * @property {number|null} [end] ShardFailure end
         * @property {string|null} [runId] ShardFailure runId
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a ShardFailure.
         * @memberof patternsweep
         * @interface IShardFailure
         * @augments patternsweep.ShardFailure.$Properties
         * @deprecated Use patternsweep.ShardFailure.$Properties instead.
         */

        /**
         * Shape of a ShardFailure.
         * @typedef {patternsweep.ShardFailure.$Properties} patternsweep.ShardFailure.$Shape
         */

        /**
         * Constructs a new ShardFailure.
         * @memberof patternsweep
         * @classdesc Represents a ShardFailure.
         * @constructor
         * @param {patternsweep.ShardFailure.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const ShardFailure = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * ShardFailure protocolVersion.
         * @member {number} protocolVersion
         * @memberof patternsweep.ShardFailure
         * @instance
         */
        ShardFailure.prototype.protocolVersion = 0;

        /**
         * ShardFailure sweepId.
         * @member {string} sweepId
         * @memberof patternsweep.ShardFailure
         * @instance
         */
        ShardFailure.prototype.sweepId = "";

        /**
         * ShardFailure shard.
         * @member {number} shard
         * @memberof patternsweep.ShardFailure
         * @instance
         */
        ShardFailure.prototype.shard = 0;

        /**
         * ShardFailure errorName.
         * @member {string} errorName
         * @memberof patternsweep.ShardFailure
         * @instance
         */
        ShardFailure.prototype.errorName = "";

        /**
         * ShardFailure errorMessage.
         * @member {string} errorMessage
         * @memberof patternsweep.ShardFailure
         * @instance
         */
        ShardFailure.prototype.errorMessage = "";

        /**
         * ShardFailure attempt.
         * @member {number} attempt
         * @memberof patternsweep.ShardFailure
         * @instance
         */
        ShardFailure.prototype.attempt = 0;

        /**
         * ShardFailure workerId.
         * @member {string} workerId
         * @memberof patternsweep.ShardFailure
         * @instance
         */
        ShardFailure.prototype.workerId = "";

        /**
         * ShardFailure final.
         * @member {boolean} final
         * @memberof patternsweep.ShardFailure
         * @instance
         */
        ShardFailure.prototype.final = false;

        /**
         * ShardFailure workSeq.
         * @member {number} workSeq
         * @memberof patternsweep.ShardFailure
         * @instance
         */
        ShardFailure.prototype.workSeq = 0;

        /**
         * ShardFailure start.
         * @member {number} start
         * @memberof patternsweep.ShardFailure
         * @instance
         */
        ShardFailure.prototype.start = 0;

        /**
         * ShardFailure end.
         * @member {number} end
         * @memberof patternsweep.ShardFailure
         * @instance
         */
        ShardFailure.prototype.end = 0;

        /**
         * ShardFailure runId.
         * @member {string} runId
         * @memberof patternsweep.ShardFailure
         * @instance
         */
        ShardFailure.prototype.runId = "";

        /**
         * Creates a new ShardFailure instance using the specified properties.
         * @function create
         * @memberof patternsweep.ShardFailure
         * @static
         * @param {patternsweep.ShardFailure.$Properties=} [properties] Properties to set
         * @returns {patternsweep.ShardFailure} ShardFailure instance
         * @type {{
         *   (properties: patternsweep.ShardFailure.$Shape): patternsweep.ShardFailure & patternsweep.ShardFailure.$Shape;
         *   (properties?: patternsweep.ShardFailure.$Properties): patternsweep.ShardFailure;
         * }}
         */
        ShardFailure.create = function(properties) {
            return new ShardFailure(properties);
        };

        /**
         * Encodes the specified ShardFailure message. Does not implicitly {@link patternsweep.ShardFailure.verify|verify} messages.
         * @function encode
         * @memberof patternsweep.ShardFailure
         * @static
         * @param {patternsweep.ShardFailure.$Properties} message ShardFailure message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ShardFailure.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion") && message.protocolVersion !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.protocolVersion);
            if (message.sweepId != null && $Object.hasOwnProperty.call(message, "sweepId") && message.sweepId !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.sweepId);
            if (message.shard != null && $Object.hasOwnProperty.call(message, "shard") && !$Object.is(message.shard, 0))
                writer.uint32(/* id 3, wireType 1 =*/25).double(message.shard);
            if (message.errorName != null && $Object.hasOwnProperty.call(message, "errorName") && message.errorName !== "")
                writer.uint32(/* id 4, wireType 2 =*/34).string(message.errorName);
            if (message.errorMessage != null && $Object.hasOwnProperty.call(message, "errorMessage") && message.errorMessage !== "")
                writer.uint32(/* id 5, wireType 2 =*/42).string(message.errorMessage);
            if (message.attempt != null && $Object.hasOwnProperty.call(message, "attempt") && message.attempt !== 0)
                writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.attempt);
            if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId") && message.workerId !== "")
                writer.uint32(/* id 7, wireType 2 =*/58).string(message.workerId);
            if (message.final != null && $Object.hasOwnProperty.call(message, "final") && message.final !== false)
                writer.uint32(/* id 8, wireType 0 =*/64).bool(message.final);
            if (message.workSeq != null && $Object.hasOwnProperty.call(message, "workSeq") && !$Object.is(message.workSeq, 0))
                writer.uint32(/* id 9, wireType 1 =*/73).double(message.workSeq);
            if (message.start != null && $Object.hasOwnProperty.call(message, "start") && !$Object.is(message.start, 0))
                writer.uint32(/* id 10, wireType 1 =*/81).double(message.start);
            if (message.end != null && $Object.hasOwnProperty.call(message, "end") && !$Object.is(message.end, 0))
                writer.uint32(/* id 11, wireType 1 =*/89).double(message.end);
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId") && message.runId !== "")
                writer.uint32(/* id 12, wireType 2 =*/98).string(message.runId);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified ShardFailure message, length delimited. Does not implicitly {@link patternsweep.ShardFailure.verify|verify} messages.
         * @function encodeDelimited
         * @memberof patternsweep.ShardFailure
         * @static
         * @param {patternsweep.ShardFailure.$Properties} message ShardFailure message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ShardFailure.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a ShardFailure message from the specified reader or buffer.
         * @function decode
         * @memberof patternsweep.ShardFailure
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {patternsweep.ShardFailure & patternsweep.ShardFailure.$Shape} ShardFailure
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ShardFailure.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.patternsweep.ShardFailure();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.protocolVersion = value;
                        else
                            delete message.protocolVersion;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.sweepId = value;
                        else
                            delete message.sweepId;
                        continue;
                    }
                case 3: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.shard = value;
                        else
                            delete message.shard;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.errorName = value;
                        else
                            delete message.errorName;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.errorMessage = value;
                        else
                            delete message.errorMessage;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.attempt = value;
                        else
                            delete message.attempt;
                        continue;
                    }
                case 7: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.workerId = value;
                        else
                            delete message.workerId;
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.final = value;
                        else
                            delete message.final;
                        continue;
                    }
                case 9: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.workSeq = value;
                        else
                            delete message.workSeq;
                        continue;
                    }
                case 10: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.start = value;
                        else
                            delete message.start;
                        continue;
                    }
                case 11: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.end = value;
                        else
                            delete message.end;
                        continue;
                    }
                case 12: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.runId = value;
                        else
                            delete message.runId;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a ShardFailure message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof patternsweep.ShardFailure
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {patternsweep.ShardFailure & patternsweep.ShardFailure.$Shape} ShardFailure
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ShardFailure.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a ShardFailure message.
         * @function verify
         * @memberof patternsweep.ShardFailure
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        ShardFailure.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                if (!$util.isInteger(message.protocolVersion))
                    return "protocolVersion: integer expected";
            if (message.sweepId != null && $Object.hasOwnProperty.call(message, "sweepId"))
                if (!$util.isString(message.sweepId))
                    return "sweepId: string expected";
            if (message.shard != null && $Object.hasOwnProperty.call(message, "shard"))
                if (typeof message.shard !== "number")
                    return "shard: number expected";
            if (message.errorName != null && $Object.hasOwnProperty.call(message, "errorName"))
                if (!$util.isString(message.errorName))
                    return "errorName: string expected";
            if (message.errorMessage != null && $Object.hasOwnProperty.call(message, "errorMessage"))
                if (!$util.isString(message.errorMessage))
                    return "errorMessage: string expected";
            if (message.attempt != null && $Object.hasOwnProperty.call(message, "attempt"))
                if (!$util.isInteger(message.attempt))
                    return "attempt: integer expected";
            if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId"))
                if (!$util.isString(message.workerId))
                    return "workerId: string expected";
            if (message.final != null && $Object.hasOwnProperty.call(message, "final"))
                if (typeof message.final !== "boolean")
                    return "final: boolean expected";
            if (message.workSeq != null && $Object.hasOwnProperty.call(message, "workSeq"))
                if (typeof message.workSeq !== "number")
                    return "workSeq: number expected";
            if (message.start != null && $Object.hasOwnProperty.call(message, "start"))
                if (typeof message.start !== "number")
                    return "start: number expected";
            if (message.end != null && $Object.hasOwnProperty.call(message, "end"))
                if (typeof message.end !== "number")
                    return "end: number expected";
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId"))
                if (!$util.isString(message.runId))
                    return "runId: string expected";
            return null;
        };

        /**
         * Creates a ShardFailure message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof patternsweep.ShardFailure
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {patternsweep.ShardFailure} ShardFailure
         */
        ShardFailure.fromObject = function (object, _depth) {
            if (object instanceof $root.patternsweep.ShardFailure)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".patternsweep.ShardFailure: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.patternsweep.ShardFailure();
            if (object.protocolVersion != null)
                if ($Number(object.protocolVersion) !== 0)
                    message.protocolVersion = object.protocolVersion >>> 0;
            if (object.sweepId != null)
                if (typeof object.sweepId !== "string" || object.sweepId.length)
                    message.sweepId = $String(object.sweepId);
            if (object.shard != null)
                if (!$Object.is($Number(object.shard), 0))
                    message.shard = $Number(object.shard);
            if (object.errorName != null)
                if (typeof object.errorName !== "string" || object.errorName.length)
                    message.errorName = $String(object.errorName);
            if (object.errorMessage != null)
                if (typeof object.errorMessage !== "string" || object.errorMessage.length)
                    message.errorMessage = $String(object.errorMessage);
            if (object.attempt != null)
                if ($Number(object.attempt) !== 0)
                    message.attempt = object.attempt >>> 0;
            if (object.workerId != null)
                if (typeof object.workerId !== "string" || object.workerId.length)
                    message.workerId = $String(object.workerId);
            if (object.final != null)
                if (object.final)
                    message.final = $Boolean(object.final);
            if (object.workSeq != null)
                if (!$Object.is($Number(object.workSeq), 0))
                    message.workSeq = $Number(object.workSeq);
            if (object.start != null)
                if (!$Object.is($Number(object.start), 0))
                    message.start = $Number(object.start);
            if (object.end != null)
                if (!$Object.is($Number(object.end), 0))
                    message.end = $Number(object.end);
            if (object.runId != null)
                if (typeof object.runId !== "string" || object.runId.length)
                    message.runId = $String(object.runId);
            return message;
        };

        /**
         * Creates a plain object from a ShardFailure message. Also converts values to other types if specified.
         * @function toObject
         * @memberof patternsweep.ShardFailure
         * @static
         * @param {patternsweep.ShardFailure} message ShardFailure
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        ShardFailure.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.protocolVersion = 0;
                object.sweepId = "";
                object.shard = 0;
                object.errorName = "";
                object.errorMessage = "";
                object.attempt = 0;
                object.workerId = "";
                object.final = false;
                object.workSeq = 0;
                object.start = 0;
                object.end = 0;
                object.runId = "";
            }
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                object.protocolVersion = message.protocolVersion;
            if (message.sweepId != null && $Object.hasOwnProperty.call(message, "sweepId"))
                object.sweepId = message.sweepId;
            if (message.shard != null && $Object.hasOwnProperty.call(message, "shard"))
                object.shard = options.json && !$isFinite(message.shard) ? $String(message.shard) : message.shard;
            if (message.errorName != null && $Object.hasOwnProperty.call(message, "errorName"))
                object.errorName = message.errorName;
            if (message.errorMessage != null && $Object.hasOwnProperty.call(message, "errorMessage"))
                object.errorMessage = message.errorMessage;
            if (message.attempt != null && $Object.hasOwnProperty.call(message, "attempt"))
                object.attempt = message.attempt;
            if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId"))
                object.workerId = message.workerId;
            if (message.final != null && $Object.hasOwnProperty.call(message, "final"))
                object.final = message.final;
            if (message.workSeq != null && $Object.hasOwnProperty.call(message, "workSeq"))
                object.workSeq = options.json && !$isFinite(message.workSeq) ? $String(message.workSeq) : message.workSeq;
            if (message.start != null && $Object.hasOwnProperty.call(message, "start"))
                object.start = options.json && !$isFinite(message.start) ? $String(message.start) : message.start;
            if (message.end != null && $Object.hasOwnProperty.call(message, "end"))
                object.end = options.json && !$isFinite(message.end) ? $String(message.end) : message.end;
            if (message.runId != null && $Object.hasOwnProperty.call(message, "runId"))
                object.runId = message.runId;
            return object;
        };

        /**
         * Converts this ShardFailure to JSON.
         * @function toJSON
         * @memberof patternsweep.ShardFailure
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        ShardFailure.prototype.toJSON = function() {
            return ShardFailure.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for ShardFailure
         * @function getTypeUrl
         * @memberof patternsweep.ShardFailure
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ShardFailure.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/patternsweep.ShardFailure";
        };

        return ShardFailure;
    })();

    patternsweep.Heartbeat = (function() {

        /**
         * Properties of a Heartbeat.
         * @typedef {Object} patternsweep.Heartbeat.$Properties
         * @property {number|null} [protocolVersion] Heartbeat protocolVersion
         * @property {string|null} [workerId] Heartbeat workerId
         * @property {string|null} [host] Heartbeat host
         * @property {number|null} [threads] Heartbeat threads
         * @property {number|null} [busy] Heartbeat busy
         * @property {number|null} [shardsDone] Heartbeat shardsDone
         * @property {string|null} [version] Heartbeat version
         * @property {number|null} [timeMs] Heartbeat timeMs
         * @property {number|null} [pid] Heartbeat pid
         * @property {number|null} [shardsFailed] Heartbeat shardsFailed
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Heartbeat.
         * @memberof patternsweep
         * @interface IHeartbeat
         * @augments patternsweep.Heartbeat.$Properties
         * @deprecated Use patternsweep.Heartbeat.$Properties instead.
         */

        /**
         * Shape of a Heartbeat.
         * @typedef {patternsweep.Heartbeat.$Properties} patternsweep.Heartbeat.$Shape
         */

        /**
         * Constructs a new Heartbeat.
         * @memberof patternsweep
         * @classdesc Represents a Heartbeat.
         * @constructor
         * @param {patternsweep.Heartbeat.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Heartbeat = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Heartbeat protocolVersion.
         * @member {number} protocolVersion
         * @memberof patternsweep.Heartbeat
         * @instance
         */
        Heartbeat.prototype.protocolVersion = 0;

        /**
         * Heartbeat workerId.
         * @member {string} workerId
         * @memberof patternsweep.Heartbeat
         * @instance
         */
        Heartbeat.prototype.workerId = "";

        /**
         * Heartbeat host.
         * @member {string} host
         * @memberof patternsweep.Heartbeat
         * @instance
         */
        Heartbeat.prototype.host = "";

        /**
         * Heartbeat threads.
         * @member {number} threads
         * @memberof patternsweep.Heartbeat
         * @instance
         */
        Heartbeat.prototype.threads = 0;

        /**
         * Heartbeat busy.
         * @member {number} busy
         * @memberof patternsweep.Heartbeat
         * @instance
         */
        Heartbeat.prototype.busy = 0;

        /**
         * Heartbeat shardsDone.
         * @member {number} shardsDone
         * @memberof patternsweep.Heartbeat
         * @instance
         */
        Heartbeat.prototype.shardsDone = 0;

        /**
         * Heartbeat version.
         * @member {string} version
         * @memberof patternsweep.Heartbeat
         * @instance
         */
        Heartbeat.prototype.version = "";

        /**
         * Heartbeat timeMs.
         * @member {number} timeMs
         * @memberof patternsweep.Heartbeat
         * @instance
         */
        Heartbeat.prototype.timeMs = 0;

        /**
         * Heartbeat pid.
         * @member {number} pid
         * @memberof patternsweep.Heartbeat
         * @instance
         */
        Heartbeat.prototype.pid = 0;

        /**
         * Heartbeat shardsFailed.
         * @member {number} shardsFailed
         * @memberof patternsweep.Heartbeat
         * @instance
         */
        Heartbeat.prototype.shardsFailed = 0;

        /**
         * Creates a new Heartbeat instance using the specified properties.
         * @function create
         * @memberof patternsweep.Heartbeat
         * @static
         * @param {patternsweep.Heartbeat.$Properties=} [properties] Properties to set
         * @returns {patternsweep.Heartbeat} Heartbeat instance
         * @type {{
         *   (properties: patternsweep.Heartbeat.$Shape): patternsweep.Heartbeat & patternsweep.Heartbeat.$Shape;
         *   (properties?: patternsweep.Heartbeat.$Properties): patternsweep.Heartbeat;
         * }}
         */
        Heartbeat.create = function(properties) {
            return new Heartbeat(properties);
        };

        /**
         * Encodes the specified Heartbeat message. Does not implicitly {@link patternsweep.Heartbeat.verify|verify} messages.
         * @function encode
         * @memberof patternsweep.Heartbeat
         * @static
         * @param {patternsweep.Heartbeat.$Properties} message Heartbeat message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Heartbeat.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion") && message.protocolVersion !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.protocolVersion);
            if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId") && message.workerId !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.workerId);
            if (message.host != null && $Object.hasOwnProperty.call(message, "host") && message.host !== "")
                writer.uint32(/* id 3, wireType 2 =*/26).string(message.host);
            if (message.threads != null && $Object.hasOwnProperty.call(message, "threads") && message.threads !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.threads);
            if (message.busy != null && $Object.hasOwnProperty.call(message, "busy") && message.busy !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.busy);
            if (message.shardsDone != null && $Object.hasOwnProperty.call(message, "shardsDone") && !$Object.is(message.shardsDone, 0))
                writer.uint32(/* id 6, wireType 1 =*/49).double(message.shardsDone);
            if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== "")
                writer.uint32(/* id 7, wireType 2 =*/58).string(message.version);
            if (message.timeMs != null && $Object.hasOwnProperty.call(message, "timeMs") && !$Object.is(message.timeMs, 0))
                writer.uint32(/* id 8, wireType 1 =*/65).double(message.timeMs);
            if (message.pid != null && $Object.hasOwnProperty.call(message, "pid") && message.pid !== 0)
                writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.pid);
            if (message.shardsFailed != null && $Object.hasOwnProperty.call(message, "shardsFailed") && !$Object.is(message.shardsFailed, 0))
                writer.uint32(/* id 10, wireType 1 =*/81).double(message.shardsFailed);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified Heartbeat message, length delimited. Does not implicitly {@link patternsweep.Heartbeat.verify|verify} messages.
         * @function encodeDelimited
         * @memberof patternsweep.Heartbeat
         * @static
         * @param {patternsweep.Heartbeat.$Properties} message Heartbeat message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Heartbeat.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a Heartbeat message from the specified reader or buffer.
         * @function decode
         * @memberof patternsweep.Heartbeat
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {patternsweep.Heartbeat & patternsweep.Heartbeat.$Shape} Heartbeat
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Heartbeat.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.patternsweep.Heartbeat();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.protocolVersion = value;
                        else
                            delete message.protocolVersion;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.workerId = value;
                        else
                            delete message.workerId;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.host = value;
                        else
                            delete message.host;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.threads = value;
                        else
                            delete message.threads;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.busy = value;
                        else
                            delete message.busy;
                        continue;
                    }
                case 6: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.shardsDone = value;
                        else
                            delete message.shardsDone;
                        continue;
                    }
                case 7: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.version = value;
                        else
                            delete message.version;
                        continue;
                    }
                case 8: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.timeMs = value;
                        else
                            delete message.timeMs;
                        continue;
                    }
                case 9: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.pid = value;
                        else
                            delete message.pid;
                        continue;
                    }
                case 10: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.shardsFailed = value;
                        else
                            delete message.shardsFailed;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a Heartbeat message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof patternsweep.Heartbeat
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {patternsweep.Heartbeat & patternsweep.Heartbeat.$Shape} Heartbeat
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Heartbeat.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a Heartbeat message.
         * @function verify
         * @memberof patternsweep.Heartbeat
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        Heartbeat.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                if (!$util.isInteger(message.protocolVersion))
                    return "protocolVersion: integer expected";
            if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId"))
                if (!$util.isString(message.workerId))
                    return "workerId: string expected";
            if (message.host != null && $Object.hasOwnProperty.call(message, "host"))
                if (!$util.isString(message.host))
                    return "host: string expected";
            if (message.threads != null && $Object.hasOwnProperty.call(message, "threads"))
                if (!$util.isInteger(message.threads))
                    return "threads: integer expected";
            if (message.busy != null && $Object.hasOwnProperty.call(message, "busy"))
                if (!$util.isInteger(message.busy))
                    return "busy: integer expected";
            if (message.shardsDone != null && $Object.hasOwnProperty.call(message, "shardsDone"))
                if (typeof message.shardsDone !== "number")
                    return "shardsDone: number expected";
            if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                if (!$util.isString(message.version))
                    return "version: string expected";
            if (message.timeMs != null && $Object.hasOwnProperty.call(message, "timeMs"))
                if (typeof message.timeMs !== "number")
                    return "timeMs: number expected";
            if (message.pid != null && $Object.hasOwnProperty.call(message, "pid"))
                if (!$util.isInteger(message.pid))
                    return "pid: integer expected";
            if (message.shardsFailed != null && $Object.hasOwnProperty.call(message, "shardsFailed"))
                if (typeof message.shardsFailed !== "number")
                    return "shardsFailed: number expected";
            return null;
        };

        /**
         * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof patternsweep.Heartbeat
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {patternsweep.Heartbeat} Heartbeat
         */
        Heartbeat.fromObject = function (object, _depth) {
            if (object instanceof $root.patternsweep.Heartbeat)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".patternsweep.Heartbeat: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.patternsweep.Heartbeat();
            if (object.protocolVersion != null)
                if ($Number(object.protocolVersion) !== 0)
                    message.protocolVersion = object.protocolVersion >>> 0;
            if (object.workerId != null)
                if (typeof object.workerId !== "string" || object.workerId.length)
                    message.workerId = $String(object.workerId);
            if (object.host != null)
                if (typeof object.host !== "string" || object.host.length)
                    message.host = $String(object.host);
            if (object.threads != null)
                if ($Number(object.threads) !== 0)
                    message.threads = object.threads >>> 0;
            if (object.busy != null)
                if ($Number(object.busy) !== 0)
                    message.busy = object.busy >>> 0;
            if (object.shardsDone != null)
                if (!$Object.is($Number(object.shardsDone), 0))
                    message.shardsDone = $Number(object.shardsDone);
            if (object.version != null)
                if (typeof object.version !== "string" || object.version.length)
                    message.version = $String(object.version);
            if (object.timeMs != null)
                if (!$Object.is($Number(object.timeMs), 0))
                    message.timeMs = $Number(object.timeMs);
            if (object.pid != null)
                if ($Number(object.pid) !== 0)
                    message.pid = object.pid >>> 0;
            if (object.shardsFailed != null)
                if (!$Object.is($Number(object.shardsFailed), 0))
                    message.shardsFailed = $Number(object.shardsFailed);
            return message;
        };

        /**
         * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
         * @function toObject
         * @memberof patternsweep.Heartbeat
         * @static
         * @param {patternsweep.Heartbeat} message Heartbeat
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Heartbeat.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.protocolVersion = 0;
                object.workerId = "";
                object.host = "";
                object.threads = 0;
                object.busy = 0;
                object.shardsDone = 0;
                object.version = "";
                object.timeMs = 0;
                object.pid = 0;
                object.shardsFailed = 0;
            }
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                object.protocolVersion = message.protocolVersion;
            if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId"))
                object.workerId = message.workerId;
            if (message.host != null && $Object.hasOwnProperty.call(message, "host"))
                object.host = message.host;
            if (message.threads != null && $Object.hasOwnProperty.call(message, "threads"))
                object.threads = message.threads;
            if (message.busy != null && $Object.hasOwnProperty.call(message, "busy"))
                object.busy = message.busy;
            if (message.shardsDone != null && $Object.hasOwnProperty.call(message, "shardsDone"))
                object.shardsDone = options.json && !$isFinite(message.shardsDone) ? $String(message.shardsDone) : message.shardsDone;
            if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                object.version = message.version;
            if (message.timeMs != null && $Object.hasOwnProperty.call(message, "timeMs"))
                object.timeMs = options.json && !$isFinite(message.timeMs) ? $String(message.timeMs) : message.timeMs;
            if (message.pid != null && $Object.hasOwnProperty.call(message, "pid"))
                object.pid = message.pid;
            if (message.shardsFailed != null && $Object.hasOwnProperty.call(message, "shardsFailed"))
                object.shardsFailed = options.json && !$isFinite(message.shardsFailed) ? $String(message.shardsFailed) : message.shardsFailed;
            return object;
        };

        /**
         * Converts this Heartbeat to JSON.
         * @function toJSON
         * @memberof patternsweep.Heartbeat
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Heartbeat.prototype.toJSON = function() {
            return Heartbeat.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Heartbeat
         * @function getTypeUrl
         * @memberof patternsweep.Heartbeat
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Heartbeat.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/patternsweep.Heartbeat";
        };

        return Heartbeat;
    })();

    patternsweep.Progress = (function() {

        /**
         * Properties of a Progress.
         * @typedef {Object} patternsweep.Progress.$Properties
         * @property {number|null} [protocolVersion] Progress protocolVersion
         * @property {string|null} [sweepId] Progress sweepId
         * @property {number|null} [done] Progress done
         * @property {number|null} [failed] Progress failed
         * @property {number|null} [total] Progress total
         * @property {number|null} [runsPerSecond] Progress runsPerSecond
         * @property {number|null} [inFlight] Progress inFlight
         * @property {number|null} [updatedMs] Progress updatedMs
         * @property {number|null} [startedMs] Progress startedMs
         * @property {string|null} [state] Progress state
         * @property {number|null} [runsDone] Progress runsDone
         * @property {number|null} [runsTotal] Progress runsTotal
         * @property {Array.<number>|null} [failedShards] Progress failedShards
         * @property {string|null} [specHash] Progress specHash
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Progress.
         * @memberof patternsweep
         * @interface IProgress
         * @augments patternsweep.Progress.$Properties
         * @deprecated Use patternsweep.Progress.$Properties instead.
         */

        /**
         * Shape of a Progress.
         * @typedef {patternsweep.Progress.$Properties} patternsweep.Progress.$Shape
         */

        /**
         * Constructs a new Progress.
         * @memberof patternsweep
         * @classdesc Represents a Progress.
         * @constructor
         * @param {patternsweep.Progress.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Progress = function (properties) {
            this.failedShards = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Progress protocolVersion.
         * @member {number} protocolVersion
         * @memberof patternsweep.Progress
         * @instance
         */
        Progress.prototype.protocolVersion = 0;

        /**
         * Progress sweepId.
         * @member {string} sweepId
         * @memberof patternsweep.Progress
         * @instance
         */
        Progress.prototype.sweepId = "";

        /**
         * Progress done.
         * @member {number} done
         * @memberof patternsweep.Progress
         * @instance
         */
        Progress.prototype.done = 0;

        /**
         * Progress failed.
         * @member {number} failed
         * @memberof patternsweep.Progress
         * @instance
         */
        Progress.prototype.failed = 0;

        /**
         * Progress total.
         * @member {number} total
         * @memberof patternsweep.Progress
         * @instance
         */
        Progress.prototype.total = 0;

        /**
         * Progress runsPerSecond.
         * @member {number} runsPerSecond
         * @memberof patternsweep.Progress
         * @instance
         */
        Progress.prototype.runsPerSecond = 0;

        /**
         * Progress inFlight.
         * @member {number} inFlight
         * @memberof patternsweep.Progress
         * @instance
         */
        Progress.prototype.inFlight = 0;

        /**
         * Progress updatedMs.
         * @member {number} updatedMs
         * @memberof patternsweep.Progress
         * @instance
         */
        Progress.prototype.updatedMs = 0;

        /**
         * Progress startedMs.
         * @member {number} startedMs
         * @memberof patternsweep.Progress
         * @instance
         */
        Progress.prototype.startedMs = 0;

        /**
         * Progress state.
         * @member {string} state
         * @memberof patternsweep.Progress
         * @instance
         */
        Progress.prototype.state = "";

        /**
         * Progress runsDone.
         * @member {number} runsDone
         * @memberof patternsweep.Progress
         * @instance
         */
        Progress.prototype.runsDone = 0;

        /**
         * Progress runsTotal.
         * @member {number} runsTotal
         * @memberof patternsweep.Progress
         * @instance
         */
        Progress.prototype.runsTotal = 0;

        /**
         * Progress failedShards.
         * @member {Array.<number>} failedShards
         * @memberof patternsweep.Progress
         * @instance
         */
        Progress.prototype.failedShards = $util.emptyArray;

        /**
         * Progress specHash.
         * @member {string} specHash
         * @memberof patternsweep.Progress
         * @instance
         */
        Progress.prototype.specHash = "";

        /**
         * Creates a new Progress instance using the specified properties.
         * @function create
         * @memberof patternsweep.Progress
         * @static
         * @param {patternsweep.Progress.$Properties=} [properties] Properties to set
         * @returns {patternsweep.Progress} Progress instance
         * @type {{
         *   (properties: patternsweep.Progress.$Shape): patternsweep.Progress & patternsweep.Progress.$Shape;
         *   (properties?: patternsweep.Progress.$Properties): patternsweep.Progress;
         * }}
         */
        Progress.create = function(properties) {
            return new Progress(properties);
        };

        /**
         * Encodes the specified Progress message. Does not implicitly {@link patternsweep.Progress.verify|verify} messages.
         * @function encode
         * @memberof patternsweep.Progress
         * @static
         * @param {patternsweep.Progress.$Properties} message Progress message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Progress.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion") && message.protocolVersion !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.protocolVersion);
            if (message.sweepId != null && $Object.hasOwnProperty.call(message, "sweepId") && message.sweepId !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.sweepId);
            if (message.done != null && $Object.hasOwnProperty.call(message, "done") && !$Object.is(message.done, 0))
                writer.uint32(/* id 3, wireType 1 =*/25).double(message.done);
            if (message.failed != null && $Object.hasOwnProperty.call(message, "failed") && !$Object.is(message.failed, 0))
                writer.uint32(/* id 4, wireType 1 =*/33).double(message.failed);
            if (message.total != null && $Object.hasOwnProperty.call(message, "total") && !$Object.is(message.total, 0))
                writer.uint32(/* id 5, wireType 1 =*/41).double(message.total);
            if (message.runsPerSecond != null && $Object.hasOwnProperty.call(message, "runsPerSecond") && !$Object.is(message.runsPerSecond, 0))
                writer.uint32(/* id 6, wireType 1 =*/49).double(message.runsPerSecond);
            if (message.inFlight != null && $Object.hasOwnProperty.call(message, "inFlight") && !$Object.is(message.inFlight, 0))
                writer.uint32(/* id 7, wireType 1 =*/57).double(message.inFlight);
            if (message.updatedMs != null && $Object.hasOwnProperty.call(message, "updatedMs") && !$Object.is(message.updatedMs, 0))
                writer.uint32(/* id 8, wireType 1 =*/65).double(message.updatedMs);
            if (message.startedMs != null && $Object.hasOwnProperty.call(message, "startedMs") && !$Object.is(message.startedMs, 0))
                writer.uint32(/* id 9, wireType 1 =*/73).double(message.startedMs);
            if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== "")
                writer.uint32(/* id 10, wireType 2 =*/82).string(message.state);
            if (message.runsDone != null && $Object.hasOwnProperty.call(message, "runsDone") && !$Object.is(message.runsDone, 0))
                writer.uint32(/* id 11, wireType 1 =*/89).double(message.runsDone);
            if (message.runsTotal != null && $Object.hasOwnProperty.call(message, "runsTotal") && !$Object.is(message.runsTotal, 0))
                writer.uint32(/* id 12, wireType 1 =*/97).double(message.runsTotal);
            if (message.failedShards != null && message.failedShards.length)
                writer.uint32(/* id 13, wireType 2 =*/106).doubles(message.failedShards);
            if (message.specHash != null && $Object.hasOwnProperty.call(message, "specHash") && message.specHash !== "")
                writer.uint32(/* id 14, wireType 2 =*/114).string(message.specHash);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified Progress message, length delimited. Does not implicitly {@link patternsweep.Progress.verify|verify} messages.
         * @function encodeDelimited
         * @memberof patternsweep.Progress
         * @static
         * @param {patternsweep.Progress.$Properties} message Progress message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Progress.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a Progress message from the specified reader or buffer.
         * @function decode
         * @memberof patternsweep.Progress
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {patternsweep.Progress & patternsweep.Progress.$Shape} Progress
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Progress.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.patternsweep.Progress();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.protocolVersion = value;
                        else
                            delete message.protocolVersion;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.sweepId = value;
                        else
                            delete message.sweepId;
                        continue;
                    }
                case 3: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.done = value;
                        else
                            delete message.done;
                        continue;
                    }
                case 4: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.failed = value;
                        else
                            delete message.failed;
                        continue;
                    }
                case 5: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.total = value;
                        else
                            delete message.total;
                        continue;
                    }
                case 6: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.runsPerSecond = value;
                        else
                            delete message.runsPerSecond;
                        continue;
                    }
                case 7: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.inFlight = value;
                        else
                            delete message.inFlight;
                        continue;
                    }
                case 8: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.updatedMs = value;
                        else
                            delete message.updatedMs;
                        continue;
                    }
                case 9: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.startedMs = value;
                        else
                            delete message.startedMs;
                        continue;
                    }
                case 10: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.state = value;
                        else
                            delete message.state;
                        continue;
                    }
                case 11: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.runsDone = value;
                        else
                            delete message.runsDone;
                        continue;
                    }
                case 12: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.runsTotal = value;
                        else
                            delete message.runsTotal;
                        continue;
                    }
                case 13: {
                        if (wireType === 2) {
                            if (!(message.failedShards && message.failedShards.length))
                                message.failedShards = [];
                            reader.doubles(message.failedShards);
                            continue;
                        }
                        if (wireType !== 1)
                            break;
                        if (!(message.failedShards && message.failedShards.length))
                            message.failedShards = [];
                        message.failedShards.push(reader.double());
                        continue;
                    }
                case 14: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.specHash = value;
                        else
                            delete message.specHash;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Decodes a Progress message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof patternsweep.Progress
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {patternsweep.Progress & patternsweep.Progress.$Shape} Progress
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Progress.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a Progress message.
         * @function verify
         * @memberof patternsweep.Progress
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        Progress.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                if (!$util.isInteger(message.protocolVersion))
                    return "protocolVersion: integer expected";
            if (message.sweepId != null && $Object.hasOwnProperty.call(message, "sweepId"))
                if (!$util.isString(message.sweepId))
                    return "sweepId: string expected";
            if (message.done != null && $Object.hasOwnProperty.call(message, "done"))
                if (typeof message.done !== "number")
                    return "done: number expected";
            if (message.failed != null && $Object.hasOwnProperty.call(message, "failed"))
                if (typeof message.failed !== "number")
                    return "failed: number expected";
            if (message.total != null && $Object.hasOwnProperty.call(message, "total"))
                if (typeof message.total !== "number")
                    return "total: number expected";
            if (message.runsPerSecond != null && $Object.hasOwnProperty.call(message, "runsPerSecond"))
                if (typeof message.runsPerSecond !== "number")
                    return "runsPerSecond: number expected";
            if (message.inFlight != null && $Object.hasOwnProperty.call(message, "inFlight"))
                if (typeof message.inFlight !== "number")
                    return "inFlight: number expected";
            if (message.updatedMs != null && $Object.hasOwnProperty.call(message, "updatedMs"))
                if (typeof message.updatedMs !== "number")
                    return "updatedMs: number expected";
            if (message.startedMs != null && $Object.hasOwnProperty.call(message, "startedMs"))
                if (typeof message.startedMs !== "number")
                    return "startedMs: number expected";
            if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                if (!$util.isString(message.state))
                    return "state: string expected";
            if (message.runsDone != null && $Object.hasOwnProperty.call(message, "runsDone"))
                if (typeof message.runsDone !== "number")
                    return "runsDone: number expected";
            if (message.runsTotal != null && $Object.hasOwnProperty.call(message, "runsTotal"))
                if (typeof message.runsTotal !== "number")
                    return "runsTotal: number expected";
            if (message.failedShards != null && $Object.hasOwnProperty.call(message, "failedShards")) {
                if (!$Array.isArray(message.failedShards))
                    return "failedShards: array expected";
                for (let i = 0; i < message.failedShards.length; ++i)
                    if (typeof message.failedShards[i] !== "number")
                        return "failedShards: number[] expected";
            }
            if (message.specHash != null && $Object.hasOwnProperty.call(message, "specHash"))
                if (!$util.isString(message.specHash))
                    return "specHash: string expected";
            return null;
        };

        /**
         * Creates a Progress message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof patternsweep.Progress
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {patternsweep.Progress} Progress
         */
        Progress.fromObject = function (object, _depth) {
            if (object instanceof $root.patternsweep.Progress)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".patternsweep.Progress: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.patternsweep.Progress();
            if (object.protocolVersion != null)
                if ($Number(object.protocolVersion) !== 0)
                    message.protocolVersion = object.protocolVersion >>> 0;
            if (object.sweepId != null)
                if (typeof object.sweepId !== "string" || object.sweepId.length)
                    message.sweepId = $String(object.sweepId);
            if (object.done != null)
                if (!$Object.is($Number(object.done), 0))
                    message.done = $Number(object.done);
            if (object.failed != null)
                if (!$Object.is($Number(object.failed), 0))
                    message.failed = $Number(object.failed);
            if (object.total != null)
                if (!$Object.is($Number(object.total), 0))
                    message.total = $Number(object.total);
            if (object.runsPerSecond != null)
                if (!$Object.is($Number(object.runsPerSecond), 0))
                    message.runsPerSecond = $Number(object.runsPerSecond);
            if (object.inFlight != null)
                if (!$Object.is($Number(object.inFlight), 0))
                    message.inFlight = $Number(object.inFlight);
            if (object.updatedMs != null)
                if (!$Object.is($Number(object.updatedMs), 0))
                    message.updatedMs = $Number(object.updatedMs);
            if (object.startedMs != null)
                if (!$Object.is($Number(object.startedMs), 0))
                    message.startedMs = $Number(object.startedMs);
            if (object.state != null)
                if (typeof object.state !== "string" || object.state.length)
                    message.state = $String(object.state);
            if (object.runsDone != null)
                if (!$Object.is($Number(object.runsDone), 0))
                    message.runsDone = $Number(object.runsDone);
            if (object.runsTotal != null)
                if (!$Object.is($Number(object.runsTotal), 0))
                    message.runsTotal = $Number(object.runsTotal);
            if (object.failedShards) {
                if (!$Array.isArray(object.failedShards))
                    throw $TypeError(".patternsweep.Progress.failedShards: array expected");
                message.failedShards = $Array(object.failedShards.length);
                for (let i = 0; i < object.failedShards.length; ++i)
                    message.failedShards[i] = $Number(object.failedShards[i]);
            }
            if (object.specHash != null)
                if (typeof object.specHash !== "string" || object.specHash.length)
                    message.specHash = $String(object.specHash);
            return message;
        };

        /**
         * Creates a plain object from a Progress message. Also converts values to other types if specified.
         * @function toObject
         * @memberof patternsweep.Progress
         * @static
         * @param {patternsweep.Progress} message Progress
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Progress.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.failedShards = [];
            if (options.defaults) {
                object.protocolVersion = 0;
                object.sweepId = "";
                object.done = 0;
                object.failed = 0;
                object.total = 0;
                object.runsPerSecond = 0;
                object.inFlight = 0;
                object.updatedMs = 0;
                object.startedMs = 0;
                object.state = "";
                object.runsDone = 0;
                object.runsTotal = 0;
                object.specHash = "";
            }
            if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                object.protocolVersion = message.protocolVersion;
            if (message.sweepId != null && $Object.hasOwnProperty.call(message, "sweepId"))
                object.sweepId = message.sweepId;
            if (message.done != null && $Object.hasOwnProperty.call(message, "done"))
                object.done = options.json && !$isFinite(message.done) ? $String(message.done) : message.done;
            if (message.failed != null && $Object.hasOwnProperty.call(message, "failed"))
                object.failed = options.json && !$isFinite(message.failed) ? $String(message.failed) : message.failed;
            if (message.total != null && $Object.hasOwnProperty.call(message, "total"))
                object.total = options.json && !$isFinite(message.total) ? $String(message.total) : message.total;
            if (message.runsPerSecond != null && $Object.hasOwnProperty.call(message, "runsPerSecond"))
                object.runsPerSecond = options.json && !$isFinite(message.runsPerSecond) ? $String(message.runsPerSecond) : message.runsPerSecond;
            if (message.inFlight != null && $Object.hasOwnProperty.call(message, "inFlight"))
                object.inFlight = options.json && !$isFinite(message.inFlight) ? $String(message.inFlight) : message.inFlight;
            if (message.updatedMs != null && $Object.hasOwnProperty.call(message, "updatedMs"))
                object.updatedMs = options.json && !$isFinite(message.updatedMs) ? $String(message.updatedMs) : message.updatedMs;
            if (message.startedMs != null && $Object.hasOwnProperty.call(message, "startedMs"))
                object.startedMs = options.json && !$isFinite(message.startedMs) ? $String(message.startedMs) : message.startedMs;
            if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                object.state = message.state;
            if (message.runsDone != null && $Object.hasOwnProperty.call(message, "runsDone"))
                object.runsDone = options.json && !$isFinite(message.runsDone) ? $String(message.runsDone) : message.runsDone;
            if (message.runsTotal != null && $Object.hasOwnProperty.call(message, "runsTotal"))
                object.runsTotal = options.json && !$isFinite(message.runsTotal) ? $String(message.runsTotal) : message.runsTotal;
            if (message.failedShards && message.failedShards.length) {
                object.failedShards = $Array(message.failedShards.length);
                for (let j = 0; j < message.failedShards.length; ++j)
                    object.failedShards[j] = options.json && !$isFinite(message.failedShards[j]) ? $String(message.failedShards[j]) : message.failedShards[j];
            }
            if (message.specHash != null && $Object.hasOwnProperty.call(message, "specHash"))
                object.specHash = message.specHash;
            return object;
        };

        /**
         * Converts this Progress to JSON.
         * @function toJSON
         * @memberof patternsweep.Progress
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Progress.prototype.toJSON = function() {
            return Progress.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Progress
         * @function getTypeUrl
         * @memberof patternsweep.Progress
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Progress.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/patternsweep.Progress";
        };

        return Progress;
    })();

    return patternsweep;
})();

export {
  $root as default
};
