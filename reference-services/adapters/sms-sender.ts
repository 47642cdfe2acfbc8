/** The SMS/LMS gateway the legacy auth and outing services used. */
export interface SmsSender {
  send(phoneNumber: string, text: string): Promise<void>;
}

export interface SentSms {
  phoneNumber: string;
  text: string;
}

/** In-memory twin: records every message; `failNext` makes the next sends fail, for error-path tests. */
export function createMemorySmsSender(): SmsSender & { sent: SentSms[]; failNext(times?: number): void } {
  let failures = 0;
  const sent: SentSms[] = [];
  return {
    sent,
    failNext(times = 1) {
      failures += times;
    },
    async send(phoneNumber, text) {
      if (failures > 0) {
        failures -= 1;
        throw new Error('sms gateway refused the message');
      }
      sent.push({ phoneNumber, text });
    },
  };
}
