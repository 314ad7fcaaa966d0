import {
  buildQuarantineMessage,
  kafkaCorrelationId,
  maskIdNumbersInBytes,
} from './quarantine-message.js';

const SECRET = 'unit-secret-0123456789abcdef0123456789';
const ID = '430381199001011234';
const source = {
  topic: 'hr.work-injury-declarations.v1',
  partition: 2,
  offset: '41',
};

describe('buildQuarantineMessage (what the consumer republishes for a quarantined record)', () => {
  it('carries the reasons and the record with a workerRef instead of the ID number', () => {
    const record = {
      kind: 'declaration',
      claimId: 'XX-1',
      worker: { idNumber: ID, occupation: '冲压工' },
      narrative: `身份证 ${ID}`,
    };
    const message = buildQuarantineMessage({
      raw: Buffer.from(JSON.stringify(record)),
      key: Buffer.from('XX-1'),
      reasons: [{ path: '/severity', message: 'is required' }],
      source,
      workerPseudonymSecret: SECRET,
    });
    const body = JSON.parse(message.value.toString('utf8'));
    expect(message.headers['x-quarantine-format']).toBe('json');
    expect(body.reasons).toEqual([
      { path: '/severity', message: 'is required' },
    ]);
    expect(body.record.worker).toEqual({
      occupation: '冲压工',
      workerRef: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(body.source).toEqual(source);
    expect(message.value.toString('utf8')).not.toContain(ID);
    expect(message.key?.toString()).toBe('XX-1');
  });

  it('forwards bytes that are not JSON unchanged except for ID-number-like digit runs', () => {
    const raw = Buffer.concat([
      Buffer.from(`claim=XX-2;worker=${ID};`, 'latin1'),
      Buffer.from([0xff, 0x00, 0xc3]),
    ]);
    const message = buildQuarantineMessage({
      raw,
      key: Buffer.from(ID),
      reasons: [
        {
          path: '',
          message: `is not valid JSON (Unexpected token, "${ID}"... is not valid JSON)`,
        },
      ],
      source,
      workerPseudonymSecret: SECRET,
    });
    expect(message.headers['x-quarantine-format']).toBe('raw');
    expect(message.value.subarray(0, 19).toString('latin1')).toBe(
      'claim=XX-2;worker=[',
    );
    expect(message.value.subarray(-3)).toEqual(Buffer.from([0xff, 0x00, 0xc3]));
    expect(message.value.toString('latin1')).not.toContain(ID);
    expect(message.key?.toString('latin1')).not.toContain(ID);
    expect(message.headers['x-quarantine-reasons']).not.toContain(ID);
    expect(JSON.parse(message.headers['x-quarantine-reasons'])).toHaveLength(1);
  });

  it('cuts an oversized value to its first 64 KiB instead of parsing it', () => {
    const raw = Buffer.from(
      JSON.stringify({ claimId: 'XX-3', narrative: 'x'.repeat(1024 * 1024) }),
    );
    const message = buildQuarantineMessage({
      raw,
      key: null,
      reasons: [{ path: '', message: 'too large' }],
      source,
      workerPseudonymSecret: SECRET,
    });
    const body = JSON.parse(message.value.toString('utf8'));
    expect(body.record).toMatchObject({
      truncated: true,
      byteLength: raw.byteLength,
    });
    expect(message.value.byteLength).toBeLessThan(70 * 1024);
  });

  it('a tombstone (no value) is forwarded as empty raw bytes', () => {
    const message = buildQuarantineMessage({
      raw: null,
      key: null,
      reasons: [{ path: '', message: 'is not valid JSON' }],
      source,
      workerPseudonymSecret: SECRET,
    });
    expect(message.headers['x-quarantine-format']).toBe('raw');
    expect(message.value.byteLength).toBe(0);
  });
});

describe('maskIdNumbersInBytes / kafkaCorrelationId', () => {
  it('returns the same buffer when there is nothing to mask', () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x31]);
    expect(maskIdNumbersInBytes(bytes)).toBe(bytes);
  });

  it('names the message by topic, partition and offset', () => {
    expect(kafkaCorrelationId(source)).toBe(
      'kafka:hr.work-injury-declarations.v1/2/41',
    );
  });
});
