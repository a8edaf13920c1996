import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace patternsweep. */
export namespace patternsweep {

    /**
     * Properties of a SweepEnvelope.
     * @deprecated Use patternsweep.SweepEnvelope.$Properties instead.
     */
    interface ISweepEnvelope extends patternsweep.SweepEnvelope.$Properties {
    }

    /** Represents a SweepEnvelope. */
    class SweepEnvelope {

        /**
         * Constructs a new SweepEnvelope.
         * @param [properties] Properties to set
         */
        constructor(properties?: patternsweep.SweepEnvelope.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** SweepEnvelope protocolVersion. */
        protocolVersion: number;

        /** SweepEnvelope sweepId. */
        sweepId: string;

        /** SweepEnvelope specHash. */
        specHash: string;

        /** SweepEnvelope specJson. */
        specJson: string;

        /** SweepEnvelope specYaml. */
        specYaml: string;

        /** SweepEnvelope createdMs. */
        createdMs: number;

        /**
         * Creates a new SweepEnvelope instance using the specified properties.
         * @param [properties] Properties to set
         * @returns SweepEnvelope instance
         */
        static create(properties: patternsweep.SweepEnvelope.$Shape): patternsweep.SweepEnvelope & patternsweep.SweepEnvelope.$Shape;
        static create(properties?: patternsweep.SweepEnvelope.$Properties): patternsweep.SweepEnvelope;

        /**
         * Encodes the specified SweepEnvelope message. Does not implicitly {@link patternsweep.SweepEnvelope.verify|verify} messages.
         * @param message SweepEnvelope message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: patternsweep.SweepEnvelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified SweepEnvelope message, length delimited. Does not implicitly {@link patternsweep.SweepEnvelope.verify|verify} messages.
         * @param message SweepEnvelope message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: patternsweep.SweepEnvelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a SweepEnvelope message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {patternsweep.SweepEnvelope & patternsweep.SweepEnvelope.$Shape} SweepEnvelope
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): patternsweep.SweepEnvelope & patternsweep.SweepEnvelope.$Shape;

        /**
         * Decodes a SweepEnvelope message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {patternsweep.SweepEnvelope & patternsweep.SweepEnvelope.$Shape} SweepEnvelope
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): patternsweep.SweepEnvelope & patternsweep.SweepEnvelope.$Shape;

        /**
         * Verifies a SweepEnvelope message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a SweepEnvelope message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns SweepEnvelope
         */
        static fromObject(object: { [k: string]: any }): patternsweep.SweepEnvelope;

        /**
         * Creates a plain object from a SweepEnvelope message. Also converts values to other types if specified.
         * @param message SweepEnvelope
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: patternsweep.SweepEnvelope, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this SweepEnvelope to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for SweepEnvelope
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace SweepEnvelope {

        /** Properties of a SweepEnvelope. */
        interface $Properties {

            /** SweepEnvelope protocolVersion */
            protocolVersion?: (number|null);

            /** SweepEnvelope sweepId */
            sweepId?: (string|null);

            /** SweepEnvelope specHash */
            specHash?: (string|null);

            /** SweepEnvelope specJson */
            specJson?: (string|null);

            /** SweepEnvelope specYaml */
            specYaml?: (string|null);

            /** SweepEnvelope createdMs */
            createdMs?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a SweepEnvelope. */
        type $Shape = patternsweep.SweepEnvelope.$Properties;
    }

    /**
     * Properties of a Shard.
     * @deprecated Use patternsweep.Shard.$Properties instead.
     */
    interface IShard extends patternsweep.Shard.$Properties {
    }

    /** Represents a Shard. */
    class Shard {

        /**
         * Constructs a new Shard.
         * @param [properties] Properties to set
         */
        constructor(properties?: patternsweep.Shard.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Shard protocolVersion. */
        protocolVersion: number;

        /** Shard sweepId. */
        sweepId: string;

        /** Shard specHash. */
        specHash: string;

        /** Shard shard. */
        shard: number;

        /** Shard start. */
        start: number;

        /** Shard end. */
        end: number;

        /** Shard attempt. */
        attempt: number;

        /** Shard backend. */
        backend: string;

        /** Shard runId. */
        runId: string;

        /**
         * Creates a new Shard instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Shard instance
         */
        static create(properties: patternsweep.Shard.$Shape): patternsweep.Shard & patternsweep.Shard.$Shape;
        static create(properties?: patternsweep.Shard.$Properties): patternsweep.Shard;

        /**
         * Encodes the specified Shard message. Does not implicitly {@link patternsweep.Shard.verify|verify} messages.
         * @param message Shard message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: patternsweep.Shard.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified Shard message, length delimited. Does not implicitly {@link patternsweep.Shard.verify|verify} messages.
         * @param message Shard message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: patternsweep.Shard.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Shard message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {patternsweep.Shard & patternsweep.Shard.$Shape} Shard
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): patternsweep.Shard & patternsweep.Shard.$Shape;

        /**
         * Decodes a Shard message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {patternsweep.Shard & patternsweep.Shard.$Shape} Shard
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): patternsweep.Shard & patternsweep.Shard.$Shape;

        /**
         * Verifies a Shard message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a Shard message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Shard
         */
        static fromObject(object: { [k: string]: any }): patternsweep.Shard;

        /**
         * Creates a plain object from a Shard message. Also converts values to other types if specified.
         * @param message Shard
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: patternsweep.Shard, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Shard to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Shard
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Shard {

        /** Properties of a Shard. */
        interface $Properties {

            /** Shard protocolVersion */
            protocolVersion?: (number|null);

            /** Shard sweepId */
            sweepId?: (string|null);

            /** Shard specHash */
            specHash?: (string|null);

            /** Shard shard */
            shard?: (number|null);

            /** Shard start */
            start?: (number|null);

            /** Shard end */
            end?: (number|null);

            /** Shard attempt */
            attempt?: (number|null);

            /** Shard backend */
            backend?: (string|null);

            /** Shard runId */
            runId?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Shard. */
        type $Shape = patternsweep.Shard.$Properties;
    }

    /**
     * Properties of a StatColumn.
     * @deprecated Use patternsweep.StatColumn.$Properties instead.
     */
    interface IStatColumn extends patternsweep.StatColumn.$Properties {
    }

    /** Represents a StatColumn. */
    class StatColumn {

        /**
         * Constructs a new StatColumn.
         * @param [properties] Properties to set
         */
        constructor(properties?: patternsweep.StatColumn.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** StatColumn name. */
        name: string;

        /** StatColumn values. */
        values: Uint8Array;

        /**
         * Creates a new StatColumn instance using the specified properties.
         * @param [properties] Properties to set
         * @returns StatColumn instance
         */
        static create(properties: patternsweep.StatColumn.$Shape): patternsweep.StatColumn & patternsweep.StatColumn.$Shape;
        static create(properties?: patternsweep.StatColumn.$Properties): patternsweep.StatColumn;

        /**
         * Encodes the specified StatColumn message. Does not implicitly {@link patternsweep.StatColumn.verify|verify} messages.
         * @param message StatColumn message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: patternsweep.StatColumn.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified StatColumn message, length delimited. Does not implicitly {@link patternsweep.StatColumn.verify|verify} messages.
         * @param message StatColumn message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: patternsweep.StatColumn.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a StatColumn message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {patternsweep.StatColumn & patternsweep.StatColumn.$Shape} StatColumn
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): patternsweep.StatColumn & patternsweep.StatColumn.$Shape;

        /**
         * Decodes a StatColumn message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {patternsweep.StatColumn & patternsweep.StatColumn.$Shape} StatColumn
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): patternsweep.StatColumn & patternsweep.StatColumn.$Shape;

        /**
         * Verifies a StatColumn message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a StatColumn message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns StatColumn
         */
        static fromObject(object: { [k: string]: any }): patternsweep.StatColumn;

        /**
         * Creates a plain object from a StatColumn message. Also converts values to other types if specified.
         * @param message StatColumn
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: patternsweep.StatColumn, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this StatColumn to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for StatColumn
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace StatColumn {

        /** Properties of a StatColumn. */
        interface $Properties {

            /** StatColumn name */
            name?: (string|null);

            /** StatColumn values */
            values?: (Uint8Array|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a StatColumn. */
        type $Shape = patternsweep.StatColumn.$Properties;
    }

    /**
     * Properties of a Trajectory.
     * @deprecated Use patternsweep.Trajectory.$Properties instead.
     */
    interface ITrajectory extends patternsweep.Trajectory.$Properties {
    }

    /** Represents a Trajectory. */
    class Trajectory {

        /**
         * Constructs a new Trajectory.
         * @param [properties] Properties to set
         */
        constructor(properties?: patternsweep.Trajectory.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Trajectory points. */
        points: number;

        /** Trajectory time. */
        time: Uint8Array;

        /** Trajectory acc. */
        acc: Uint8Array;

        /** Trajectory piOpt. */
        piOpt: Uint8Array;

        /**
         * Creates a new Trajectory instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Trajectory instance
         */
        static create(properties: patternsweep.Trajectory.$Shape): patternsweep.Trajectory & patternsweep.Trajectory.$Shape;
        static create(properties?: patternsweep.Trajectory.$Properties): patternsweep.Trajectory;

        /**
         * Encodes the specified Trajectory message. Does not implicitly {@link patternsweep.Trajectory.verify|verify} messages.
         * @param message Trajectory message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: patternsweep.Trajectory.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified Trajectory message, length delimited. Does not implicitly {@link patternsweep.Trajectory.verify|verify} messages.
         * @param message Trajectory message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: patternsweep.Trajectory.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Trajectory message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {patternsweep.Trajectory & patternsweep.Trajectory.$Shape} Trajectory
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): patternsweep.Trajectory & patternsweep.Trajectory.$Shape;

        /**
         * Decodes a Trajectory message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {patternsweep.Trajectory & patternsweep.Trajectory.$Shape} Trajectory
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): patternsweep.Trajectory & patternsweep.Trajectory.$Shape;

        /**
         * Verifies a Trajectory message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a Trajectory message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Trajectory
         */
        static fromObject(object: { [k: string]: any }): patternsweep.Trajectory;

        /**
         * Creates a plain object from a Trajectory message. Also converts values to other types if specified.
         * @param message Trajectory
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: patternsweep.Trajectory, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Trajectory to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Trajectory
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Trajectory {

        /** Properties of a Trajectory. */
        interface $Properties {

            /** Trajectory points */
            points?: (number|null);

            /** Trajectory time */
            time?: (Uint8Array|null);

            /** Trajectory acc */
            acc?: (Uint8Array|null);

            /** Trajectory piOpt */
            piOpt?: (Uint8Array|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Trajectory. */
        type $Shape = patternsweep.Trajectory.$Properties;
    }

    /**
     * Properties of a ShardResult.
     * @deprecated Use patternsweep.ShardResult.$Properties instead.
     */
    interface IShardResult extends patternsweep.ShardResult.$Properties {
    }

    /** Represents a ShardResult. */
    class ShardResult {

        /**
         * Constructs a new ShardResult.
         * @param [properties] Properties to set
         */
        constructor(properties?: patternsweep.ShardResult.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ShardResult protocolVersion. */
        protocolVersion: number;

        /** ShardResult sweepId. */
        sweepId: string;

        /** ShardResult shard. */
        shard: number;

        /** ShardResult start. */
        start: number;

        /** ShardResult end. */
        end: number;

        /** ShardResult columns. */
        columns: patternsweep.StatColumn.$Properties[];

        /** ShardResult trajectory. */
        trajectory?: (patternsweep.Trajectory.$Properties|null);

        /** ShardResult backend. */
        backend: string;

        /** ShardResult workerId. */
        workerId: string;

        /** ShardResult elapsedMs. */
        elapsedMs: number;

        /** ShardResult attempt. */
        attempt: number;

        /** ShardResult specHash. */
        specHash: string;

        /** ShardResult runId. */
        runId: string;

        /**
         * Creates a new ShardResult instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ShardResult instance
         */
        static create(properties: patternsweep.ShardResult.$Shape): patternsweep.ShardResult & patternsweep.ShardResult.$Shape;
        static create(properties?: patternsweep.ShardResult.$Properties): patternsweep.ShardResult;

        /**
         * Encodes the specified ShardResult message. Does not implicitly {@link patternsweep.ShardResult.verify|verify} messages.
         * @param message ShardResult message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: patternsweep.ShardResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified ShardResult message, length delimited. Does not implicitly {@link patternsweep.ShardResult.verify|verify} messages.
         * @param message ShardResult message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: patternsweep.ShardResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ShardResult message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {patternsweep.ShardResult & patternsweep.ShardResult.$Shape} ShardResult
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): patternsweep.ShardResult & patternsweep.ShardResult.$Shape;

        /**
         * Decodes a ShardResult message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {patternsweep.ShardResult & patternsweep.ShardResult.$Shape} ShardResult
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): patternsweep.ShardResult & patternsweep.ShardResult.$Shape;

        /**
         * Verifies a ShardResult message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a ShardResult message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns ShardResult
         */
        static fromObject(object: { [k: string]: any }): patternsweep.ShardResult;

        /**
         * Creates a plain object from a ShardResult message. Also converts values to other types if specified.
         * @param message ShardResult
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: patternsweep.ShardResult, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this ShardResult to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for ShardResult
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ShardResult {

        /** Properties of a ShardResult. */
        interface $Properties {

            /** ShardResult protocolVersion */
            protocolVersion?: (number|null);

            /** ShardResult sweepId */
            sweepId?: (string|null);

            /** ShardResult shard */
            shard?: (number|null);

            /** ShardResult start */
            start?: (number|null);

            /** ShardResult end */
            end?: (number|null);

            /** ShardResult columns */
            columns?: (patternsweep.StatColumn.$Properties[]|null);

            /** ShardResult trajectory */
            trajectory?: (patternsweep.Trajectory.$Properties|null);

            /** ShardResult backend */
            backend?: (string|null);

            /** ShardResult workerId */
            workerId?: (string|null);

            /** ShardResult elapsedMs */
            elapsedMs?: (number|null);

            /** ShardResult attempt */
            attempt?: (number|null);

            /** ShardResult specHash */
            specHash?: (string|null);

            /** ShardResult runId */
            runId?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ShardResult. */
        type $Shape = patternsweep.ShardResult.$Properties;
    }

    /**
     * Properties of a ShardFailure.
     * @deprecated Use patternsweep.ShardFailure.$Properties instead.
     */
    interface IShardFailure extends patternsweep.ShardFailure.$Properties {
    }

    /** Represents a ShardFailure. */
    class ShardFailure {

        /**
         * Constructs a new ShardFailure.
         * @param [properties] Properties to set
         */
        constructor(properties?: patternsweep.ShardFailure.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ShardFailure protocolVersion. */
        protocolVersion: number;

        /** ShardFailure sweepId. */
        sweepId: string;

        /** ShardFailure shard. */
        shard: number;

        /** ShardFailure errorName. */
        errorName: string;

        /** ShardFailure errorMessage. */
        errorMessage: string;

        /** ShardFailure attempt. */
        attempt: number;

        /** ShardFailure workerId. */
        workerId: string;

        /** ShardFailure final. */
        final: boolean;

        /** ShardFailure workSeq. */
        workSeq: number;

        /** ShardFailure start. */
        start: number;

        /** ShardFailure end. */
        end: number;

        /** ShardFailure runId. */
        runId: string;

        /**
         * Creates a new ShardFailure instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ShardFailure instance
         */
        static create(properties: patternsweep.ShardFailure.$Shape): patternsweep.ShardFailure & patternsweep.ShardFailure.$Shape;
        static create(properties?: patternsweep.ShardFailure.$Properties): patternsweep.ShardFailure;

        /**
         * Encodes the specified ShardFailure message. Does not implicitly {@link patternsweep.ShardFailure.verify|verify} messages.
         * @param message ShardFailure message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: patternsweep.ShardFailure.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified ShardFailure message, length delimited. Does not implicitly {@link patternsweep.ShardFailure.verify|verify} messages.
         * @param message ShardFailure message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: patternsweep.ShardFailure.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ShardFailure message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {patternsweep.ShardFailure & patternsweep.ShardFailure.$Shape} ShardFailure
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): patternsweep.ShardFailure & patternsweep.ShardFailure.$Shape;

        /**
         * Decodes a ShardFailure message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {patternsweep.ShardFailure & patternsweep.ShardFailure.$Shape} ShardFailure
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): patternsweep.ShardFailure & patternsweep.ShardFailure.$Shape;

        /**
         * Verifies a ShardFailure message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a ShardFailure message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns ShardFailure
         */
        static fromObject(object: { [k: string]: any }): patternsweep.ShardFailure;

        /**
         * Creates a plain object from a ShardFailure message. Also converts values to other types if specified.
         * @param message ShardFailure
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: patternsweep.ShardFailure, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this ShardFailure to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for ShardFailure
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ShardFailure {

        /** Properties of a ShardFailure. */
        interface $Properties {

            /** ShardFailure protocolVersion */
            protocolVersion?: (number|null);

            /** ShardFailure sweepId */
            sweepId?: (string|null);

            /** ShardFailure shard */
            shard?: (number|null);

            /** ShardFailure errorName */
            errorName?: (string|null);

            /** ShardFailure errorMessage */
            errorMessage?: (string|null);

            /** ShardFailure attempt */
            attempt?: (number|null);

            /** ShardFailure workerId */
            workerId?: (string|null);

            /** ShardFailure final */
            final?: (boolean|null);

            /** ShardFailure workSeq */
            workSeq?: (number|null);

            /** ShardFailure start */
            start?: (number|null);

            /** ShardFailure end */
            end?: (number|null);

            /** ShardFailure runId */
            runId?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ShardFailure. */
        type $Shape = patternsweep.ShardFailure.$Properties;
    }

    /**
     * Properties of a Heartbeat.
     * @deprecated Use patternsweep.Heartbeat.$Properties instead.
     */
    interface IHeartbeat extends patternsweep.Heartbeat.$Properties {
    }

    /** Represents a Heartbeat. */
    class Heartbeat {

        /**
         * Constructs a new Heartbeat.
         * @param [properties] Properties to set
         */
        constructor(properties?: patternsweep.Heartbeat.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Heartbeat protocolVersion. */
        protocolVersion: number;

        /** Heartbeat workerId. */
        workerId: string;

        /** Heartbeat host. */
        host: string;

        /** Heartbeat threads. */
        threads: number;

        /** Heartbeat busy. */
        busy: number;

        /** Heartbeat shardsDone. */
        shardsDone: number;

        /** Heartbeat version. */
        version: string;

        /** Heartbeat timeMs. */
        timeMs: number;

        /** Heartbeat pid. */
        pid: number;

        /** Heartbeat shardsFailed. */
        shardsFailed: number;

        /**
         * Creates a new Heartbeat instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Heartbeat instance
         */
        static create(properties: patternsweep.Heartbeat.$Shape): patternsweep.Heartbeat & patternsweep.Heartbeat.$Shape;
        static create(properties?: patternsweep.Heartbeat.$Properties): patternsweep.Heartbeat;

        /**
         * Encodes the specified Heartbeat message. Does not implicitly {@link patternsweep.Heartbeat.verify|verify} messages.
         * @param message Heartbeat message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: patternsweep.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified Heartbeat message, length delimited. Does not implicitly {@link patternsweep.Heartbeat.verify|verify} messages.
         * @param message Heartbeat message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: patternsweep.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Heartbeat message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {patternsweep.Heartbeat & patternsweep.Heartbeat.$Shape} Heartbeat
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): patternsweep.Heartbeat & patternsweep.Heartbeat.$Shape;

        /**
         * Decodes a Heartbeat message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {patternsweep.Heartbeat & patternsweep.Heartbeat.$Shape} Heartbeat
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): patternsweep.Heartbeat & patternsweep.Heartbeat.$Shape;

        /**
         * Verifies a Heartbeat message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Heartbeat
         */
        static fromObject(object: { [k: string]: any }): patternsweep.Heartbeat;

        /**
         * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
         * @param message Heartbeat
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: patternsweep.Heartbeat, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Heartbeat to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Heartbeat
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Heartbeat {

        /** Properties of a Heartbeat. */
        interface $Properties {

            /** Heartbeat protocolVersion */
            protocolVersion?: (number|null);

            /** Heartbeat workerId */
            workerId?: (string|null);

            /** Heartbeat host */
            host?: (string|null);

            /** Heartbeat threads */
            threads?: (number|null);

            /** Heartbeat busy */
            busy?: (number|null);

            /** Heartbeat shardsDone */
            shardsDone?: (number|null);

            /** Heartbeat version */
            version?: (string|null);

            /** Heartbeat timeMs */
            timeMs?: (number|null);

            /** Heartbeat pid */
            pid?: (number|null);

            /** Heartbeat shardsFailed */
            shardsFailed?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Heartbeat. */
        type $Shape = patternsweep.Heartbeat.$Properties;
    }

    /**
     * Properties of a Progress.
     * @deprecated Use patternsweep.Progress.$Properties instead.
     */
    interface IProgress extends patternsweep.Progress.$Properties {
    }

    /** Represents a Progress. */
    class Progress {

        /**
         * Constructs a new Progress.
         * @param [properties] Properties to set
         */
        constructor(properties?: patternsweep.Progress.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Progress protocolVersion. */
        protocolVersion: number;

        /** Progress sweepId. */
        sweepId: string;

        /** Progress done. */
        done: number;

        /** Progress failed. */
        failed: number;

        /** Progress total. */
        total: number;

        /** Progress runsPerSecond. */
        runsPerSecond: number;

        /** Progress inFlight. */
        inFlight: number;

        /** Progress updatedMs. */
        updatedMs: number;

        /** Progress startedMs. */
        startedMs: number;

        /** Progress state. */
        state: string;

        /** Progress runsDone. */
        runsDone: number;

        /** Progress runsTotal. */
        runsTotal: number;

        /** Progress failedShards. */
        failedShards: number[];

        /** Progress specHash. */
        specHash: string;

        /**
         * Creates a new Progress instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Progress instance
         */
        static create(properties: patternsweep.Progress.$Shape): patternsweep.Progress & patternsweep.Progress.$Shape;
        static create(properties?: patternsweep.Progress.$Properties): patternsweep.Progress;

        /**
         * Encodes the specified Progress message. Does not implicitly {@link patternsweep.Progress.verify|verify} messages.
         * @param message Progress message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: patternsweep.Progress.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Encodes the specified Progress message, length delimited. Does not implicitly {@link patternsweep.Progress.verify|verify} messages.
         * @param message Progress message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encodeDelimited(message: patternsweep.Progress.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Progress message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {patternsweep.Progress & patternsweep.Progress.$Shape} Progress
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): patternsweep.Progress & patternsweep.Progress.$Shape;

        /**
         * Decodes a Progress message from the specified reader or buffer, length delimited.
         * @param reader Reader or buffer to decode from
         * @returns {patternsweep.Progress & patternsweep.Progress.$Shape} Progress
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): patternsweep.Progress & patternsweep.Progress.$Shape;

        /**
         * Verifies a Progress message.
         * @param message Plain object to verify
         * @returns `null` if valid, otherwise the reason why it is not
         */
        static verify(message: { [k: string]: any }): (string|null);

        /**
         * Creates a Progress message from a plain object. Also converts values to their respective internal types.
         * @param object Plain object
         * @returns Progress
         */
        static fromObject(object: { [k: string]: any }): patternsweep.Progress;

        /**
         * Creates a plain object from a Progress message. Also converts values to other types if specified.
         * @param message Progress
         * @param [options] Conversion options
         * @returns Plain object
         */
        static toObject(message: patternsweep.Progress, options?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Progress to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Progress
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Progress {

        /** Properties of a Progress. */
        interface $Properties {

            /** Progress protocolVersion */
            protocolVersion?: (number|null);

            /** Progress sweepId */
            sweepId?: (string|null);

            /** Progress done */
            done?: (number|null);

            /** Progress failed */
            failed?: (number|null);

            /** Progress total */
            total?: (number|null);

            /** Progress runsPerSecond */
            runsPerSecond?: (number|null);

            /** Progress inFlight */
            inFlight?: (number|null);

            /** Progress updatedMs */
            updatedMs?: (number|null);

            /** Progress startedMs */
            startedMs?: (number|null);

            /** Progress state */
            state?: (string|null);

            /** Progress runsDone */
            runsDone?: (number|null);

            /** Progress runsTotal */
            runsTotal?: (number|null);

            /** Progress failedShards */
            failedShards?: (number[]|null);

            /** Progress specHash */
            specHash?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Progress. */
        type $Shape = patternsweep.Progress.$Properties;
    }
}
