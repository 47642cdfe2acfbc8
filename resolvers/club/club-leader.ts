import type { ClubResolvers } from '../generated/resolvers-types';
import { studentRef } from './student-ref';

export const leader: ClubResolvers['leader'] = (club) => studentRef(club.leaderId);
