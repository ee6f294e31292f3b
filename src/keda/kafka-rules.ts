import { KafkaSaslMechanism, KafkaSaslTokenProvider, KafkaTriggerProps } from './kafka-trigger';
import { AuthInfo, metadataOf, TriggerDefinition, TriggerReport } from './trigger-options';
import { KafkaOffsetResetPolicy } from '../autoscaling-options/kafka-lag';

// The rules and the rendering of the `kafka` trigger: KafkaScaler Validate() and parse functions in
// kedacore/keda v2.20.2:pkg/scalers/kafka_scaler.go.

// Parameters that must be emitted in one place only; ≤2.19 rejects them in both, 2.20 silently
// prefers metadata (keda#7528). We put them in metadata.
const METADATA_ONLY = ['tls', 'sasl', 'saslTokenProvider'];
const USER_PASSWORD = [KafkaSaslMechanism.PLAINTEXT, KafkaSaslMechanism.SCRAM_SHA256, KafkaSaslMechanism.SCRAM_SHA512];

export function kafkaTrigger(props: KafkaTriggerProps): TriggerDefinition {
  const sasl = props.sasl === KafkaSaslMechanism.NONE ? undefined : props.sasl;
  return {
    type: 'kafka',
    options: props,
    metadata: metadataOf({
      bootstrapServers: Array.isArray(props.bootstrapServers) ? props.bootstrapServers.join(',') : undefined,
      consumerGroup: props.consumerGroup,
      topic: props.topic,
      lagThreshold: props.lagThreshold,
      activationLagThreshold: props.activationLagThreshold,
      offsetResetPolicy: props.offsetResetPolicy,
      allowIdleConsumers: props.allowIdleConsumers,
      excludePersistentLag: props.excludePersistentLag,
      scaleToZeroOnInvalidOffset: props.scaleToZeroOnInvalidOffset,
      limitToPartitionsWithLag: props.limitToPartitionsWithLag,
      ensureEvenDistributionOfPartitions: props.ensureEvenDistributionOfPartitions,
      partitionLimitation: props.partitionLimitation?.join(','),
      version: props.version,
      tls: props.tls === undefined ? undefined : props.tls ? 'enable' : 'disable',
      unsafeSsl: props.unsafeSsl,
      sasl,
      saslTokenProvider: props.saslTokenProvider,
      awsRegion: props.awsRegion,
    }),
    check: (r, auth) => checkKafka(props, r, auth),
  };
}

function checkKafka(p: KafkaTriggerProps, r: TriggerReport, auth: AuthInfo) {
  if (!Array.isArray(p.bootstrapServers) || p.bootstrapServers.length === 0) {
    r.add('bootstrapServers', p.bootstrapServers, 'must list at least one broker');
  } else {
    p.bootstrapServers.forEach((s, i) => {
      if (typeof s !== 'string' || !/^[^\s,]+:\d{1,5}$/.test(s)) {
        r.add(`bootstrapServers[${i}]`, s, 'is not host:port');
      }
    });
  }
  r.text('consumerGroup', p.consumerGroup, true);
  r.text('topic', p.topic, false);
  r.integer('lagThreshold', p.lagThreshold, 1);
  r.integer('activationLagThreshold', p.activationLagThreshold, 0);
  r.member('offsetResetPolicy', p.offsetResetPolicy, KafkaOffsetResetPolicy);
  r.member('sasl', p.sasl, KafkaSaslMechanism);
  r.member('saslTokenProvider', p.saslTokenProvider, KafkaSaslTokenProvider);
  r.text('awsRegion', p.awsRegion, false);
  checkPartitionOptions(p, r);
  const mskIam = checkReleaseAndSasl(p, r);
  checkKafkaAuth(p, r, auth, mskIam);
}

// KafkaScaler Validate() in kedacore/keda v2.20.2:pkg/scalers/kafka_scaler.go.
function checkPartitionOptions(p: KafkaTriggerProps, r: TriggerReport) {
  if (p.allowIdleConsumers && p.limitToPartitionsWithLag) {
    r.add('limitToPartitionsWithLag', true, 'cannot be combined with allowIdleConsumers',
      'allowIdleConsumers lifts the partition cap that limitToPartitionsWithLag narrows; choose one');
  }
  if (p.limitToPartitionsWithLag && p.ensureEvenDistributionOfPartitions) {
    r.add('ensureEvenDistributionOfPartitions', true, 'cannot be combined with limitToPartitionsWithLag', 'Choose one');
  }
  for (const [field, value] of [['limitToPartitionsWithLag', p.limitToPartitionsWithLag], ['ensureEvenDistributionOfPartitions', p.ensureEvenDistributionOfPartitions]] as const) {
    if (value && p.topic === undefined) {
      r.add(field, true, 'needs topic', 'Set the topic the consumer group reads');
    }
  }
  if (p.partitionLimitation !== undefined) {
    // KEDA ignores partitionLimitation without a topic.
    if (p.topic === undefined) {
      r.add('partitionLimitation', p.partitionLimitation, 'needs topic', 'Set the topic the partitions belong to');
    }
    if (p.partitionLimitation.length === 0 || p.partitionLimitation.some(n => !Number.isSafeInteger(n) || n < 0)) {
      r.add('partitionLimitation', p.partitionLimitation, 'must be a non-empty list of partition numbers (integers >= 0)');
    }
  }
  if (p.version !== undefined && !/^\d+\.\d+\.\d+(\.\d+)?$/.test(p.version)) {
    r.add('version', p.version, 'is not a Kafka version such as "3.9.0"');
  }
}

// Fields the release may lack, and the SASL token provider; returns whether it is AWS MSK IAM.
function checkReleaseAndSasl(p: KafkaTriggerProps, r: TriggerReport): boolean {
  if (p.ensureEvenDistributionOfPartitions !== undefined) {
    r.requires('ensureEvenDistributionOfPartitions', p.ensureEvenDistributionOfPartitions, 'kafkaEnsureEvenDistributionOfPartitions');
  }
  if (p.scaleToZeroOnInvalidOffset && p.offsetResetPolicy === KafkaOffsetResetPolicy.EARLIEST) {
    const gate = r.release._versionRule('kafkaScaleToZeroOnInvalidOffsetEarliest');
    if (gate) {
      r.add('scaleToZeroOnInvalidOffset', true, `is ignored with offsetResetPolicy earliest on KEDA ${r.release.version}: honoured since 2.15.0 (keda#5689)`,
        'Use offsetResetPolicy latest, or KEDA 2.15.0 or later');
    }
  }
  if (p.saslTokenProvider !== undefined) {
    r.requires('saslTokenProvider', p.saslTokenProvider, 'kafkaSaslTokenProvider');
  }
  if (p.awsRegion !== undefined) {
    r.requires('awsRegion', p.awsRegion, 'kafkaSaslTokenProvider');
  }
  if (p.saslTokenProvider !== undefined && p.sasl !== KafkaSaslMechanism.OAUTHBEARER) {
    r.add('saslTokenProvider', p.saslTokenProvider, 'is only used with sasl oauthbearer', 'Set sasl: KafkaSaslMechanism.OAUTHBEARER or remove it');
  }
  const mskIam = p.saslTokenProvider === KafkaSaslTokenProvider.AWS_MSK_IAM;
  if (mskIam && (p.tls !== true || p.awsRegion === undefined)) {
    r.add('saslTokenProvider', p.saslTokenProvider, 'needs tls: true and awsRegion');
  }
  return mskIam;
}

function checkKafkaAuth(p: KafkaTriggerProps, r: TriggerReport, auth: AuthInfo, mskIam: boolean) {
  const needsCredentials = USER_PASSWORD.includes(p.sasl as KafkaSaslMechanism)
    || p.sasl === KafkaSaslMechanism.GSSAPI || (p.sasl === KafkaSaslMechanism.OAUTHBEARER && !mskIam);
  if (needsCredentials && !auth.present) {
    r.add('sasl', p.sasl, 'needs credentials, but the trigger has no authentication',
      'Set authentication to a TriggerAuthentication that provides them (for SCRAM: username and password)');
  }
  if (!auth.known) {
    return;
  }
  const has = (name: string) => auth.parameters.includes(name);
  for (const name of METADATA_ONLY) {
    if (has(name)) {
      r.add('authentication', name, 'is provided by the TriggerAuthentication, but this library sets it in the trigger metadata',
        `Remove the ${name} parameter from the TriggerAuthentication and set ${name} on the kafka trigger; KEDA 2.19 and older reject it in both places (keda#7528)`);
    }
  }
  const missing = (names: string[]) => names.filter(n => !has(n));
  if (USER_PASSWORD.includes(p.sasl as KafkaSaslMechanism) && missing(['username', 'password']).length > 0) {
    r.add('sasl', p.sasl, `needs the parameters username and password, but the TriggerAuthentication does not provide ${missing(['username', 'password']).join(' and ')}`);
  }
  if (p.sasl === KafkaSaslMechanism.GSSAPI && has('keytab') === has('password')) {
    r.add('sasl', p.sasl, 'needs exactly one of the parameters keytab and password from the TriggerAuthentication');
  }
  if (has('cert') !== has('key')) {
    r.add('authentication', has('cert') ? 'cert' : 'key', 'is provided without its partner', 'KEDA needs cert and key together');
  }
  const tlsParams = ['ca', 'cert', 'key', 'keyPassword'].filter(has);
  if (tlsParams.length > 0 && p.tls !== true) {
    r.add('tls', p.tls, `is not true, so KEDA ignores the TriggerAuthentication's ${tlsParams.join(', ')}`, 'Set tls: true');
  }
  if (has('kerberosDisableFAST')) {
    r.requires('authentication', 'kerberosDisableFAST', 'kafkaKerberosDisableFAST');
  }
}
