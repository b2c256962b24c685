/** Where the research theme of a group is shown (routes.tsx). */
export const researchThemePath = (groupId: string): string => `/groups/${groupId}/research-theme`;
