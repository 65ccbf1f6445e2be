/**
 * The new / edit client form: company identity (名称, 统一社会信用代码, 城市), platform, contacts and the facts the
 * eligibility assessment needs (注册资本, 成立日期, 办公面积, 社保人数). Validates in the browser with the contract's
 * zod schema and the GB 32100-2015 USCC rules before one single `clients.create` / `clients.update` call.
 */
import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { calendarHeaderFormat, PickerLocale } from './pickers/PickerLocale';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ClientInput as ClientInputSchema, type Client, type ClientInput, type ClientWarning } from '../../../shared/contract';
import { CITIES, cityByCode, type CityName } from '../../../shared/domain/cities';
import { INDUSTRIES, type Industry } from '../../../shared/domain/industries';
import { toHalfWidth } from '../../../shared/domain/text';
import { normalizeUscc, usccCityCode, validateUscc, type UsccResult } from '../../../shared/domain/uscc';
import { isMaskedIdNumber, validateIdNumber } from '../../../shared/domain/id-number';
import { changedFrom, useDiscardGuard } from './use-discard-guard';
import { ApiError, call } from '../api';
import { navigate } from '../route';
import { isComposing } from './keys';
import { useCommand } from '../desktop/keymap';
import { cityLabel } from '../i18n/domain';

/** Props of {@link ClientForm}. */
export interface ClientFormProps {
  /** The client to edit, or `null` to create a new one (stage 咨询评估). */
  initial: Client | null;
  /** Called once the server has saved the client, with its soft warnings (e.g. city ≠ USCC division). */
  onSaved: (client: Client, warnings: ClientWarning[]) => void;
  /** Called by the 取消 button and by Esc. */
  onCancel: () => void;
}

type TextKey =
  | 'name' | 'uscc' | 'district' | 'address' | 'platformName' | 'domain' | 'icpFilingNo' | 'serverLocation' | 'businessScope' | 'legalRep' | 'legalRepIdNumber' | 'contactName'
  | 'contactPhone' | 'consultant' | 'remark' | 'capital' | 'officeAreaM2' | 'insuredStaff';

/** A field that can carry an inline error. `capital` stands for `capitalYuan`. */
type FieldKey = TextKey | 'city' | 'industry' | 'founded';

/** Order in which fields appear: the first one with an error gets the focus. */
const FIELD_ORDER: FieldKey[] = [
  'name', 'uscc', 'city', 'district', 'address', 'industry', 'platformName', 'domain', 'icpFilingNo', 'serverLocation', 'businessScope', 'legalRep', 'legalRepIdNumber',
  'contactName', 'contactPhone', 'consultant', 'capital', 'founded', 'officeAreaM2', 'insuredStaff', 'remark',
];

type CapitalUnit = 'wan' | 'yuan';

interface FormState {
  text: Record<TextKey, string>;
  city: CityName | '';
  industry: Industry;
  capitalUnit: CapitalUnit;
  founded: Dayjs | null;
}

function initialState(c: Client | null): FormState {
  const s = (v: string | null | undefined) => v ?? '';
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  let capital = '';
  let capitalUnit: CapitalUnit = 'wan';
  if (c && c.capitalYuan !== null) {
    if (c.capitalYuan % 10000 === 0) capital = String(c.capitalYuan / 10000);
    else {
      capital = String(c.capitalYuan);
      capitalUnit = 'yuan';
    }
  }
  return {
    text: {
      name: s(c?.name), uscc: s(c?.uscc), district: s(c?.district), address: s(c?.address), platformName: s(c?.platformName),
      domain: s(c?.domain), icpFilingNo: s(c?.icpFilingNo), serverLocation: s(c?.serverLocation), businessScope: s(c?.businessScope), legalRep: s(c?.legalRep), legalRepIdNumber: s(c?.legalRepIdNumber), contactName: s(c?.contactName),
      contactPhone: s(c?.contactPhone), consultant: s(c?.consultant), remark: s(c?.remark), capital,
      officeAreaM2: n(c?.officeAreaM2), insuredStaff: n(c?.insuredStaff),
    },
    city: (c?.city as CityName | undefined) ?? '',
    industry: (c?.industry as Industry | undefined) ?? '其他',
    capitalUnit,
    founded: c?.founded ? dayjs(c.founded, 'YYYY-MM-DD') : null,
  };
}

/** Parses a number as typed: full-width digits, thousands separators and spaces allowed. NaN when not a number. */
function parseNumber(raw: string): number | null {
  const s = toHalfWidth(raw).replace(/[,，\s]/g, '');
  if (s === '') return null;
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
}

/** Integer yuan from the capital field and its unit; null when empty, NaN when not a number. */
function capitalYuanOf(raw: string, unit: CapitalUnit): number | null {
  const v = parseNumber(raw);
  if (v === null || Number.isNaN(v)) return v;
  return unit === 'wan' ? Math.round(v * 10000) : v;
}

type Translate = (key: string, opts?: Record<string, unknown>) => string;

/** The USCC error in the UI language: the domain's Chinese message in Chinese, a translation otherwise. */
function usccMessage(r: Extract<UsccResult, { ok: false }>, t: Translate, zh: boolean): string {
  if (r.reason === 'empty') return t('clientForm.errors.usccRequired');
  if (zh) return r.message;
  if (r.reason === 'length') return t('clientForm.errors.usccLength', { uscc: r.uscc, n: [...r.uscc].length });
  if (r.reason === 'charset') {
    const ch = [...r.uscc].find((c) => !'0123456789ABCDEFGHJKLMNPQRTUWXY'.includes(c)) ?? '';
    return t('clientForm.errors.usccCharset', { uscc: r.uscc, ch });
  }
  return t('clientForm.errors.usccCheck', { uscc: r.uscc, expected: r.expected, actual: r.uscc[17] });
}

/** Whether this edit keeps a USCC whose check character was already wrong (allowed by the service, shown as a warning). */
function keepsBadCheck(initial: Client | null, r: UsccResult): boolean {
  return !!initial && !initial.usccValid && !r.ok && r.reason === 'check' && r.uscc === initial.uscc;
}

/** USCC error for the current text, or null. */
function usccError(raw: string, initial: Client | null, t: Translate, zh: boolean): string | null {
  if (raw.trim() === '') return t('clientForm.errors.usccRequired');
  const r = validateUscc(raw);
  if (r.ok || keepsBadCheck(initial, r)) return null;
  return usccMessage(r, t, zh);
}

/** Checks the form and builds the API input. Returns the inline errors, or the input when there are none. */
function buildInput(
  f: FormState,
  initial: Client | null,
  t: Translate,
  zh: boolean,
): { errors: Partial<Record<FieldKey, string>>; input: ClientInput | null } {
  const errors: Partial<Record<FieldKey, string>> = {};
  const opt = (k: TextKey) => (f.text[k].trim() === '' ? null : f.text[k].trim());

  if (f.text.name.trim().length < 2) errors.name = t('clientForm.errors.nameRequired');
  const ue = usccError(f.text.uscc, initial, t, zh);
  if (ue) errors.uscc = ue;
  if (!f.city) errors.city = t('clientForm.errors.cityRequired');

  const capitalYuan = capitalYuanOf(f.text.capital, f.capitalUnit);
  if (capitalYuan !== null && Number.isNaN(capitalYuan)) errors.capital = t('clientForm.errors.number');
  else if (capitalYuan !== null && !Number.isInteger(capitalYuan)) errors.capital = t('clientForm.errors.integer');
  else if (capitalYuan !== null && capitalYuan > 1e13) errors.capital = t('clientForm.errors.capitalRange');

  const officeAreaM2 = parseNumber(f.text.officeAreaM2);
  if (officeAreaM2 !== null && Number.isNaN(officeAreaM2)) errors.officeAreaM2 = t('clientForm.errors.number');
  else if (officeAreaM2 !== null && officeAreaM2 > 1e6) errors.officeAreaM2 = t('clientForm.errors.areaRange');

  const insuredStaff = parseNumber(f.text.insuredStaff);
  if (insuredStaff !== null && Number.isNaN(insuredStaff)) errors.insuredStaff = t('clientForm.errors.number');
  else if (insuredStaff !== null && !Number.isInteger(insuredStaff)) errors.insuredStaff = t('clientForm.errors.integer');
  else if (insuredStaff !== null && insuredStaff > 100000) errors.insuredStaff = t('clientForm.errors.staffRange');

  let founded: string | null = null;
  if (f.founded) {
    if (!f.founded.isValid()) errors.founded = t('clientForm.errors.date');
    else if (f.founded.isAfter(dayjs(), 'day')) errors.founded = t('clientForm.errors.dateFuture');
    else founded = f.founded.format('YYYY-MM-DD');
  }

  const r = validateUscc(f.text.uscc);
  const idText = f.text.legalRepIdNumber.trim();
  if (idText && !isMaskedIdNumber(idText)) {
    const idCheck = validateIdNumber(idText);
    if (!idCheck.ok) errors.legalRepIdNumber = zh ? idCheck.message : t('clientForm.errors.idNumber');
  }
  const candidate = {
    name: f.text.name.trim(),
    uscc: r.uscc,
    city: f.city,
    district: opt('district'),
    address: opt('address'),
    industry: f.industry,
    platformName: opt('platformName'),
    domain: opt('domain'),
    icpFilingNo: opt('icpFilingNo'),
    serverLocation: opt('serverLocation'),
    businessScope: opt('businessScope'),
    legalRep: opt('legalRep'),
    legalRepIdNumber: opt('legalRepIdNumber'),
    contactName: opt('contactName'),
    contactPhone: opt('contactPhone'),
    capitalYuan: errors.capital ? null : capitalYuan,
    founded,
    officeAreaM2: errors.officeAreaM2 ? null : officeAreaM2,
    insuredStaff: errors.insuredStaff ? null : insuredStaff,
    consultant: opt('consultant'),
    remark: opt('remark'),
  };
  const parsed = ClientInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = fieldOfPath(String(issue.path[0] ?? ''));
      if (!key || errors[key]) continue;
      errors[key] = key === 'city' ? t('clientForm.errors.cityRequired') : /[\u4e00-\u9fff]/.test(issue.message) && zh ? issue.message : t('clientForm.errors.invalid');
    }
  }
  return { errors, input: Object.keys(errors).length === 0 && parsed.success ? parsed.data : null };
}

/** Maps a contract field path ('client.uscc', 'capitalYuan') to the form field showing it. */
function fieldOfPath(path: string): FieldKey | null {
  const p = path.replace(/^client\./, '').split('.')[0];
  if (p === 'capitalYuan') return 'capital';
  return (FIELD_ORDER as string[]).includes(p) ? (p as FieldKey) : null;
}

/** Soft warnings shown while typing: city vs the USCC's division code (spec §2), or a USCC from outside Shanxi. */
function liveWarnings(f: FormState, initial: Client | null, t: Translate): { text: string; suggest: CityName | null }[] {
  const out: { text: string; suggest: CityName | null }[] = [];
  const uscc = normalizeUscc(f.text.uscc);
  const r = validateUscc(uscc);
  if (keepsBadCheck(initial, r)) out.push({ text: t('clientForm.warnings.usccCheckKept'), suggest: null });
  if (uscc.length < 6) return out;
  const code = usccCityCode(uscc);
  if (!code) return out;
  if (!code.startsWith('14')) {
    out.push({ text: t('clientForm.warnings.outsideShanxi', { code }), suggest: null });
    return out;
  }
  const byCode = cityByCode(code);
  if (byCode && f.city && byCode !== f.city) {
    out.push({ text: t('clientForm.warnings.cityMismatch', { byCode: cityLabel(byCode), city: cityLabel(f.city) }), suggest: byCode });
  }
  return out;
}

const grid = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', md: 'repeat(3, minmax(0, 1fr))' } } as const;

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
      <Typography component="legend" variant="subtitle2" color="text.secondary" sx={{ mb: 1.5, p: 0 }}>
        {props.title}
      </Typography>
      <Box sx={grid}>{props.children}</Box>
    </Box>
  );
}

/**
 * Form to create a client (`initial === null`) or edit one. Chinese labels (English when the UI is English);
 * 公司名称, 统一社会信用代码 and 所在城市 are required.
 *
 * Behaviour:
 * - the USCC accepts full-width, lower-case and spaced text and shows what will be saved (normalised); errors for
 *   length, characters and the check character appear when the field loses focus and on submit;
 * - a warning (saving still allowed) when the chosen city differs from the USCC's division code, or the USCC is from
 *   outside Shanxi; an empty city is filled in from the USCC;
 * - 注册资本 is typed in 万元 or 元 (toggle) and sent as integer yuan; 成立日期 uses a date picker (YYYY-MM-DD);
 * - on submit the input is checked with the contract's zod schema, then sent in one `clients.create` /
 *   `clients.update` call; server field errors (e.g. a duplicate USCC, CONFLICT) are shown on their fields;
 * - Enter submits (Ctrl+Enter inside multi-line fields), Esc cancels; the submit button is disabled while saving.
 */
export function ClientForm(props: ClientFormProps) {
  const { initial, onSaved, onCancel } = props;
  const { t: tRaw, i18n } = useTranslation();
  const t = tRaw as unknown as Translate;
  const zh = !i18n.language?.startsWith('en');
  const [form, setForm] = useState<FormState>(() => initialState(initial));
  const [pristine] = useState(() => initialState(initial));
  /** Cancel (button or Esc): asks first when something was typed, so unsaved edits are never lost silently. */
  const { requestClose: requestCancel, confirm: confirmDiscard } = useDiscardGuard(changedFrom(pristine, form), onCancel);
  const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflictId, setConflictId] = useState<number | null>(null);
  const [cityAutoFilled, setCityAutoFilled] = useState(false);
  const [saving, setSaving] = useState(false);
  const savingRef = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const inputRefs = useRef<Partial<Record<FieldKey, HTMLElement | null>>>({});

  const warnings = useMemo(() => liveWarnings(form, initial, t), [form, initial, t]);
  const normalisedUscc = normalizeUscc(form.text.uscc);
  const capitalYuan = capitalYuanOf(form.text.capital, form.capitalUnit);

  const clearError = (k: FieldKey) => {
    if (errors[k]) setErrors((e) => ({ ...e, [k]: undefined }));
    if (formError) setFormError(null);
  };

  const setText = (k: TextKey, v: string) => {
    setForm((f) => ({ ...f, text: { ...f.text, [k]: v } }));
    if (k === 'uscc') {
      setConflictId(null);
      // Once an error is showing, re-check as the user types so it disappears as soon as the code is right.
      if (errors.uscc) setErrors((e) => ({ ...e, uscc: usccError(v, initial, t, zh) ?? undefined }));
    } else clearError(k);
  };

  const onUsccBlur = () => {
    const raw = form.text.uscc;
    if (raw.trim() === '') return;
    const r = validateUscc(raw);
    const err = usccError(raw, initial, t, zh);
    setErrors((e) => ({ ...e, uscc: err ?? undefined }));
    // Show the normalised code in the field itself.
    if (r.uscc !== raw) setForm((f) => ({ ...f, text: { ...f.text, uscc: r.uscc } }));
    // Fill an empty city from the code's division (the user can change it).
    const byCode = cityByCode(usccCityCode(r.uscc) ?? '');
    if (!form.city && byCode) {
      setForm((f) => ({ ...f, city: byCode }));
      setCityAutoFilled(true);
      setErrors((e) => ({ ...e, city: undefined }));
    }
  };

  const refFor = (k: FieldKey) => (el: HTMLElement | null) => {
    inputRefs.current[k] = el;
  };

  const focusFirstError = (errs: Partial<Record<FieldKey, string>>) => {
    const first = FIELD_ORDER.find((k) => errs[k]);
    if (first) inputRefs.current[first]?.focus?.();
  };

  const submit = async () => {
    if (savingRef.current) return;
    const { errors: errs, input } = buildInput(form, initial, t, zh);
    setErrors(errs);
    setConflictId(null);
    if (!input) {
      setFormError(t('clientForm.errors.fixBelow'));
      focusFirstError(errs);
      return;
    }
    setFormError(null);
    savingRef.current = true;
    setSaving(true);
    try {
      const out = initial
        ? await call('clients.update', { id: initial.id, client: input })
        : await call('clients.create', { client: input });
      savingRef.current = false;
      setSaving(false);
      onSaved(out.client, out.warnings);
    } catch (e) {
      savingRef.current = false;
      setSaving(false);
      if (e instanceof ApiError) {
        const fe: Partial<Record<FieldKey, string>> = {};
        for (const issue of e.fields) {
          const k = fieldOfPath(issue.path);
          if (k && !fe[k]) fe[k] = issue.message;
        }
        if (e.code === 'CONFLICT') {
          fe.uscc ??= e.message;
          const id = e.details?.clientId;
          setConflictId(typeof id === 'number' ? id : null);
        }
        if (Object.keys(fe).length > 0) {
          setErrors(fe);
          focusFirstError(fe);
          if (e.code !== 'CONFLICT') setFormError(t('clientForm.errors.saveFailed', { message: e.message }));
        } else setFormError(t('clientForm.errors.saveFailed', { message: e.message }));
      } else {
        setFormError(t('clientForm.errors.saveFailed', { message: e instanceof Error ? e.message : String(e) }));
      }
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };
  useCommand('save', () => void submit()); // Ctrl/Cmd+S: validates first, like 保存

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (isComposing(e)) return; // Enter/Esc confirming a Chinese IME composition belongs to the IME
    const target = e.target as HTMLElement;
    // Keys inside popups (date picker calendar, menus) are portalled: leave them to the popup.
    if (!formRef.current?.contains(target)) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      requestCancel();
      return;
    }
    if (e.key === 'Enter') {
      const tag = target.tagName;
      if (tag === 'BUTTON' || tag === 'A') return;
      if (tag === 'TEXTAREA' && !(e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      void submit();
    }
  };

  const label = (k: string, required = false) => (
    <>
      {t(`clientForm.fields.${k}`)}
      {required ? <span aria-hidden="true"> *</span> : null}
    </>
  );

  const field = (k: TextKey, opts: { required?: boolean; multiline?: boolean; placeholder?: boolean; helper?: ReactNode; end?: ReactNode; inputMode?: 'decimal' | 'numeric' | 'tel' | 'url'; span?: number; autoFocus?: boolean; onBlur?: () => void; maxLength?: number } = {}) => (
    <TextField
      key={k}
      id={`cf-${k}`}
      name={k}
      label={label(k, opts.required)}
      value={form.text[k]}
      onChange={(e) => setText(k, e.target.value)}
      onBlur={opts.onBlur}
      required={false}
      error={!!errors[k]}
      helperText={opts.helper ?? errors[k] ?? ' '}
      placeholder={opts.placeholder ? t(`clientForm.placeholders.${k}`) : undefined}
      multiline={opts.multiline}
      minRows={opts.multiline ? 3 : undefined}
      autoFocus={opts.autoFocus}
      fullWidth
      size="small"
      sx={opts.span ? { gridColumn: { xs: 'auto', sm: `span ${Math.min(opts.span, 2)}`, md: `span ${opts.span}` } } : undefined}
      inputRef={refFor(k)}
      slotProps={{
        htmlInput: {
          'data-testid': `cf-${k}`,
          'aria-required': opts.required || undefined,
          inputMode: opts.inputMode,
          maxLength: opts.maxLength,
          autoComplete: 'off',
          spellCheck: false,
        },
        input: opts.end ? { endAdornment: <InputAdornment position="end">{opts.end}</InputAdornment> } : undefined,
        inputLabel: { shrink: true },
      }}
    />
  );

  const usccHelper: ReactNode = (() => {
    if (errors.uscc) {
      return conflictId !== null ? (
        <>
          {errors.uscc}{' '}
          <Link component="button" type="button" onClick={() => navigate({ name: 'client', id: conflictId })} data-testid="cf-open-existing">
            {t('clientForm.openExisting')}
          </Link>
        </>
      ) : (
        errors.uscc
      );
    }
    if (form.text.uscc.trim() !== '' && normalisedUscc !== form.text.uscc) return t('clientForm.usccNormalised', { uscc: normalisedUscc });
    if (form.text.uscc.trim() !== '' && normalisedUscc.length !== 18) return t('clientForm.usccCharCount', { n: [...normalisedUscc].length });
    return ' ';
  })();

  const capitalHelper =
    errors.capital ??
    (capitalYuan !== null && !Number.isNaN(capitalYuan) && Number.isFinite(capitalYuan)
      ? t('clientForm.capitalEquals', { amount: capitalYuan.toLocaleString('zh-CN') })
      : ' ');

  return (
    <PickerLocale>
      <Box
        component="form"
        ref={formRef}
        noValidate
        onSubmit={onSubmit}
        onKeyDown={onKeyDown}
        aria-label={t(initial ? 'clientForm.titleEdit' : 'clientForm.titleNew')}
        data-testid="client-form"
      >
        <Stack spacing={3}>
          <Typography variant="body2" color="text.secondary">
            {t('clientForm.intro')}
          </Typography>

          <Section title={t('clientForm.sections.basic')}>
            {field('name', { required: true, placeholder: true, span: 2, autoFocus: !initial, maxLength: 100 })}
            {field('uscc', { required: true, placeholder: true, helper: usccHelper, onBlur: onUsccBlur, maxLength: 60 })}
            <TextField
              id="cf-city"
              name="city"
              select
              label={label('city', true)}
              value={form.city}
              onChange={(e) => {
                setForm((f) => ({ ...f, city: e.target.value as CityName | '' }));
                setCityAutoFilled(false);
                clearError('city');
              }}
              error={!!errors.city}
              helperText={errors.city ?? (cityAutoFilled && form.city ? t('clientForm.cityFromUscc', { city: cityLabel(form.city) }) : ' ')}
              fullWidth
              size="small"
              inputRef={refFor('city')}
              slotProps={{
                select: { native: true },
                inputLabel: { shrink: true },
                htmlInput: { 'data-testid': 'cf-city', 'aria-required': true },
              }}
            >
              <option value="">{t('clientForm.cityPlaceholder')}</option>
              {CITIES.map((c) => (
                <option key={c.code} value={c.name}>
                  {cityLabel(c.name)}
                </option>
              ))}
            </TextField>
            {field('district', { placeholder: true, maxLength: 40 })}
            {field('address', { maxLength: 200 })}
            <TextField
              id="cf-industry"
              name="industry"
              select
              label={label('industry')}
              value={form.industry}
              onChange={(e) => setForm((f) => ({ ...f, industry: e.target.value as Industry }))}
              helperText={errors.industry ?? ' '}
              error={!!errors.industry}
              fullWidth
              size="small"
              slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'cf-industry' } }}
            >
              {INDUSTRIES.map((i) => (
                <option key={i} value={i}>
                  {t(`common.industry.${i}`)}
                </option>
              ))}
            </TextField>
          </Section>

          {warnings.length > 0 && (
            <Alert severity="warning" data-testid="cf-warning" role="status">
              <AlertTitle>{t('clientForm.warnings.title')}</AlertTitle>
              {warnings.map((w) => (
                <Box key={w.text} sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                  <span>{w.text}</span>
                  {w.suggest && (
                    <Button
                      size="small"
                      color="warning"
                      variant="outlined"
                      data-testid="cf-use-uscc-city"
                      onClick={() => setForm((f) => ({ ...f, city: w.suggest! }))}
                    >
                      {t('clientForm.warnings.useCity', { city: cityLabel(w.suggest) })}
                    </Button>
                  )}
                </Box>
              ))}
            </Alert>
          )}

          <Section title={t('clientForm.sections.platform')}>
            {field('platformName', { maxLength: 100 })}
            {field('domain', { placeholder: true, inputMode: 'url', maxLength: 200 })}
            {field('icpFilingNo', { placeholder: true, maxLength: 60 })}
            {field('serverLocation', { placeholder: true, span: 3, maxLength: 200 })}
            {field('businessScope', { multiline: true, span: 3, maxLength: 2000 })}
          </Section>

          <Section title={t('clientForm.sections.contact')}>
            {field('legalRep', { maxLength: 40 })}
            {field('legalRepIdNumber', { placeholder: true, maxLength: 18 })}
            {field('contactName', { maxLength: 40 })}
            {field('contactPhone', { placeholder: true, inputMode: 'tel', maxLength: 40 })}
            {field('consultant', { maxLength: 40 })}
          </Section>

          <Section title={t('clientForm.sections.qualification')}>
            {field('capital', {
              inputMode: 'decimal',
              helper: capitalHelper,
              end: (
                <ToggleButtonGroup
                  exclusive
                  size="small"
                  value={form.capitalUnit}
                  onChange={(_, v: CapitalUnit | null) => {
                    if (v) setForm((f) => ({ ...f, capitalUnit: v }));
                    clearError('capital');
                  }}
                  aria-label={t('clientForm.capitalUnit')}
                  data-testid="cf-capital-unit"
                  sx={{ '& .MuiToggleButton-root': { py: 0.25, px: 1 } }}
                >
                  <ToggleButton value="wan" data-testid="cf-capital-unit-wan">
                    {t('clientForm.units.wan')}
                  </ToggleButton>
                  <ToggleButton value="yuan" data-testid="cf-capital-unit-yuan">
                    {t('clientForm.units.yuan')}
                  </ToggleButton>
                </ToggleButtonGroup>
              ),
            })}
            <DatePicker
              label={t('clientForm.fields.founded')}
              value={form.founded}
              onChange={(v) => {
                setForm((f) => ({ ...f, founded: v }));
                clearError('founded');
              }}
              format="YYYY-MM-DD"
              disableFuture
              minDate={dayjs('1949-10-01')}
              slotProps={{
                calendarHeader: { format: calendarHeaderFormat(zh ? 'zh-CN' : 'en') },
                field: { clearable: true },
                textField: {
                  id: 'cf-founded',
                  name: 'founded',
                  size: 'small',
                  fullWidth: true,
                  error: !!errors.founded,
                  helperText: errors.founded ?? ' ',
                  slotProps: { htmlInput: { 'data-testid': 'cf-founded' } as object },
                },
              }}
            />
            {field('officeAreaM2', { inputMode: 'decimal', end: t('clientForm.units.m2') })}
            {field('insuredStaff', { inputMode: 'numeric', end: t('clientForm.units.people') })}
          </Section>

          <Section title={t('clientForm.sections.other')}>
            {field('remark', { multiline: true, span: 3, maxLength: 2000 })}
          </Section>

          {formError && (
            <Alert severity="error" data-testid="cf-error" role="alert">
              {formError}
            </Alert>
          )}

          <Box>
            {saving && <LinearProgress sx={{ mb: 1 }} aria-label={t('clientForm.saving')} />}
            <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
              <Button type="submit" variant="contained" disabled={saving} data-testid="cf-submit">
                {saving ? t('clientForm.saving') : t(initial ? 'clientForm.submitUpdate' : 'clientForm.submitCreate')}
              </Button>
              <Button type="button" onClick={requestCancel} disabled={saving} data-testid="cf-cancel">
                {t('clientForm.cancel')}
              </Button>
              <Typography variant="caption" color="text.secondary" sx={{ ml: 'auto !important' }}>
                {t('clientForm.keyboardHint')}
              </Typography>
            </Stack>
          </Box>
        </Stack>
      </Box>
      {confirmDiscard}
    </PickerLocale>
  );
}
