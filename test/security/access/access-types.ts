export type Actor = 'anonymous' | 'finder' | 'otherFinder' | 'intake' | 'coordinator' | 'developer' | 'otherDeveloper' | 'admin'
  | 'committee' | 'ciOperator' | 'otherCiOperator' | 'operator' | 'otherOperator'
export type AccessTable = Record<string, Actor[]>
export const ALL: Actor[] = ['anonymous', 'finder', 'otherFinder', 'intake', 'coordinator', 'developer', 'otherDeveloper', 'admin', 'committee', 'ciOperator', 'otherCiOperator', 'operator', 'otherOperator']
export const SIGNED_IN: Actor[] = ALL.filter((a) => a !== 'anonymous')
export const NONE: Actor[] = []
