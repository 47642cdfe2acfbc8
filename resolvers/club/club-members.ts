import type { ClubResolvers } from '../generated/resolvers-types';
import { studentRef } from './student-ref';

export const members: ClubResolvers['members'] = (club) => club.memberIds.map(studentRef);
