import { defineMessages } from '../platform/i18n/define.js'

// The API's texts: errMsg of refused parameters (the Japanese as the real MyJVN words it) and feed titles.
export const myjvnMessages = defineMessages(
  {
    'myjvn.error.required': '{name}を指定してください。',
    'myjvn.error.notAllowed': '{name}は{values}のいずれかのみ指定可能です。',
    'myjvn.error.notPositiveInteger': '{name}は正の整数値のみ指定可能です。',
    'myjvn.error.outOfRange': '{name}は{min}～{max}の範囲で指定可能です。',
    'myjvn.error.badFormat': '{name}の形式が正しくありません（{form}）。',
    'myjvn.error.noSuchDate': '{name}に存在しない日付が指定されています。',
    'myjvn.error.conflict': '{name}は{other}と同時に指定できません。',
    'myjvn.error.notFound': '{name}に該当する情報はありません。',
    'myjvn.error.unknownMethod': 'methodに指定されたメソッドはありません。',
    'myjvn.feed_title': '脆弱性対策情報（JVNDB 形式）',
    'myjvn.detail_title': '脆弱性対策詳細情報（JVNDB 形式）',
    'myjvn.author': '情報セキュリティ早期警戒パートナーシップ',
    'myjvn.format.vuldef_xml': 'JVN iPedia 詳細 (VULDEF XML, MyJVN API)',
    'myjvn.format.vuldef_json': 'JVN iPedia 詳細 (JSON, MyJVN API)',
  },
  {
    'myjvn.error.required': '{name} is required.',
    'myjvn.error.notAllowed': '{name} must be one of: {values}.',
    'myjvn.error.notPositiveInteger': '{name} must be a positive integer.',
    'myjvn.error.outOfRange': '{name} must be between {min} and {max}.',
    'myjvn.error.badFormat': '{name} is not in the expected form ({form}).',
    'myjvn.error.noSuchDate': '{name} names a date that does not exist.',
    'myjvn.error.conflict': '{name} cannot be given together with {other}.',
    'myjvn.error.notFound': 'Nothing matches {name}.',
    'myjvn.error.unknownMethod': 'There is no such method.',
    'myjvn.feed_title': 'Vulnerability notes (JVNDB format)',
    'myjvn.detail_title': 'Vulnerability note details (JVNDB format)',
    'myjvn.format.vuldef_xml': 'JVN iPedia entry (VULDEF XML, MyJVN API)',
    'myjvn.format.vuldef_json': 'JVN iPedia entry (JSON, MyJVN API)',
    'myjvn.author': 'Information Security Early Warning Partnership',
  },
)
